/**
 * The ring-3 program the SimpleKernel runs: the committed nasm fixture (embedded as a
 * module, so no file system is needed), loaded into user pages of the kernel's address space.
 */
import { PAGE_SIZE } from "@native-kit/arch-x86";
import type { Machine } from "@native-kit/emulator";
import type { MemoryService } from "@native-kit/memory";
import { HELLO_USER_BASE64 } from "./hello-user-image.js";

/** Where the program is linked (`org` in the source): the classic i386 ELF text address. */
export const USER_CODE = 0x08048000;
/** Top of the program's stack; one page below it is mapped. */
export const USER_STACK_TOP = 0xc0000000;

/** The flat binary built from `fixtures/hello-user.asm` (embedded by `fixtures/build.sh`). */
export function helloUserBinary(): Uint8Array {
  return Uint8Array.from(atob(HELLO_USER_BASE64), (c) => c.charCodeAt(0));
}

/**
 * Maps `image` read-only at {@link USER_CODE} and one writable stack page under
 * {@link USER_STACK_TOP}, user-accessible; returns the entry point and stack pointer.
 */
export function loadUserProgram(
  machine: Machine,
  memory: MemoryService,
  image: Uint8Array,
): { eip: number; esp: number } {
  const frames = memory.allocate(memory.kernelSpace, USER_CODE, image.length, { user: true });
  frames.forEach((frame, i) => {
    machine.memory.load(frame, image.subarray(i * PAGE_SIZE, (i + 1) * PAGE_SIZE));
  });
  memory.allocate(memory.kernelSpace, USER_STACK_TOP - PAGE_SIZE, PAGE_SIZE, {
    user: true,
    writable: true,
  });
  return { eip: USER_CODE, esp: USER_STACK_TOP };
}
