/**
 * `@native-kit/fs`: A VFS that behaves like Linux: ramfs, devfs, procfs, hostfs and initrd images. Hardware-free.
 *
 * @packageDocumentation
 */

export {};
