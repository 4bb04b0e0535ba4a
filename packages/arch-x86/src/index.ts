/**
 * `@native-kit/arch-x86`: The x86 hardware layer for TypeScript kernels: descriptor tables, traps, paging formats, port I/O and drivers.
 *
 * @packageDocumentation
 */

export {};
