/**
 * The SimpleKernel of DESIGN.md: installs the video console, the system-call layer and the
 * memory manager, makes the console the default output, then prints from the kernel with
 * `printf` (→ `write` system call → `Video`) and runs a ring-3 program that makes its own
 * `write` through `int 0x80`.
 */
import { PlatformKey, Video } from "@native-kit/arch-x86";
import type { Machine } from "@native-kit/emulator";
import { Memory, MemoryKey } from "@native-kit/memory";
import { printf, SysCalls } from "@native-kit/posix";
import { System } from "@native-kit/system";
import { helloUserBinary, loadUserProgram } from "./user-program.js";

/** The line the kernel prints itself. */
export const KERNEL_HELLO = "Hello World: using the syscall write";
/** The line the ring-3 program prints (see fixtures/hello-user.asm). */
export const USER_HELLO = "Hello from ring 3: using int 0x80 write";

/**
 * The kernel.
 *
 * @example
 * ```ts
 * const machine = createMachine();
 * const kernel = new SimpleKernel(machine);
 * kernel.boot(); // the kernel's line is on screen now
 * machine.runUntil(() => kernel.syscalls.lastExit !== null); // the program's line too
 * ```
 */
export class SimpleKernel extends System<Machine> {
  /** The console. */
  readonly video = new Video();
  /** The system-call layer. */
  readonly syscalls = new SysCalls();

  constructor(machine: Machine) {
    super(machine);
    this.install(this.video); // VGA text console
    this.install(this.syscalls); // int 0x80 and the kernel's printf
    this.install(new Memory()); // frames, page tables, paging on
    this.setDefaultOutput(this.video); // printf and write(1) go to the screen
  }

  override start(): void {
    printf("%s\n", KERNEL_HELLO);
    const entry = loadUserProgram(this.machine, this.get(MemoryKey), helloUserBinary());
    this.get(PlatformKey).enterUserMode(entry); // runs when the machine runs
  }
}

/**
 * Builds a {@link SimpleKernel} on `machine` and boots it; the ring-3 program runs once
 * the caller runs the machine (`machine.start()`, `machine.runUntil(…)`).
 */
export function bootSimpleKernel(machine: Machine): SimpleKernel {
  const kernel = new SimpleKernel(machine);
  kernel.boot();
  return kernel;
}
