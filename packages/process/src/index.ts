/**
 * `@native-kit/process`: ELF32 loader, processes, a preemptive scheduler, wait queues and signals.
 *
 * @packageDocumentation
 */

export {};
