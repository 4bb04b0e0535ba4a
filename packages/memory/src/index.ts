/**
 * `@native-kit/memory`: Physical frames, address spaces with two-level page tables, copy-on-write and page-fault resolution.
 *
 * @packageDocumentation
 */

export {};
