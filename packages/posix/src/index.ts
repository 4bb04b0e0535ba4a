/**
 * `@native-kit/posix`: The Linux i386 system-call ABI for Native Kit kernels, and a small libc-like facade for kernel code.
 *
 * @packageDocumentation
 */

export {};
