/**
 * `SysCalls`: the system-call component. Takes `int 0x80`, reads the call number and
 * arguments from the trap frame (Linux i386 ABI: EAX, then EBX ECX EDX ESI EDI EBP),
 * dispatches, and puts the result in EAX. Kernel code reaches the same dispatcher through
 * {@link SysCallsService.callFromKernel} (what `printf` uses).
 */
import { InterruptsKey, type Interrupts, type X86Machine } from "@native-kit/arch-x86";
import type { Component, ComponentContext, OutputDevice } from "@native-kit/system";
import { ServiceKey } from "@native-kit/system";
import {
  type ByteSink,
  type SyscallArgs,
  type SyscallContext,
  SyscallDispatcher,
} from "./dispatcher.js";
import { setKernelSyscalls } from "./libc/kernel-libc.js";
import { SYSCALL_TABLE } from "./syscall-table.js";
import { KernelBuffer, PagedUserMemory, type UserMemory } from "./user-memory.js";

/** The vector of Linux i386 system calls. */
export const SYSCALL_VECTOR = 0x80;

/** How a user program ended. */
export interface ExitEvent {
  /** The status passed to `exit` (low 8 bits). */
  readonly status: number;
  /** True when kernel code called exit rather than a ring-3 program. */
  readonly fromKernel: boolean;
}

/** The system-call service. */
export interface SysCallsService {
  /** The dispatcher (to add calls). */
  readonly dispatcher: SyscallDispatcher;
  /**
   * Makes a system call from kernel code: `data` stands for the caller's memory, so
   * pointer arguments are offsets into it.
   */
  callFromKernel(nr: number, args: Partial<SyscallArgs>, data?: Uint8Array): number;
  /** Adds a listener for program exits; returns a function that removes it. */
  onExit(listener: (event: ExitEvent) => void): () => void;
  /** The last exit, or null. */
  readonly lastExit: ExitEvent | null;
}

/** The system-call service key. */
export const SysCallsKey: ServiceKey<SysCallsService> = new ServiceKey<SysCallsService>(
  "posix.syscalls",
);

/** A byte sink that decodes UTF-8 as a stream (a character split across writes still prints). */
class TextSink implements ByteSink {
  private readonly decoder = new TextDecoder();
  constructor(private readonly device: () => OutputDevice | null) {}
  write(bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes, { stream: true });
    if (text) this.device()?.write(text);
  }
}

/**
 * The system-call layer as a component.
 *
 * @example
 * ```ts
 * system.install(new SysCalls());
 * system.boot();
 * printf("%d syscalls so far\n", 1); // → write(1, …) → the default output
 * ```
 */
export class SysCalls implements Component<X86Machine>, SysCallsService {
  readonly name = "syscalls";
  readonly provides = [SysCallsKey];
  readonly needs = [InterruptsKey];
  readonly dispatcher = new SyscallDispatcher(SYSCALL_TABLE);
  private readonly listeners: ((event: ExitEvent) => void)[] = [];
  private exitEvent: ExitEvent | null = null;
  private sinks: ByteSink[] = [];
  private release: (() => void) | null = null;
  private userMemory: UserMemory | null = null;

  /** The last exit, or null. */
  get lastExit(): ExitEvent | null {
    return this.exitEvent;
  }

  /** Claims `int 0x80` and becomes the kernel's libc back end. */
  init(ctx: ComponentContext<X86Machine>): void {
    const interrupts: Interrupts = ctx.get(InterruptsKey);
    this.userMemory = new PagedUserMemory(ctx.machine);
    const device = (): OutputDevice | null => ctx.defaultOutput();
    this.sinks = [new TextSink(device), new TextSink(device)];
    this.release = interrupts.on(SYSCALL_VECTOR, (frame) => {
      let exited = false;
      const context = this.context(this.userMemory!, false, () => (exited = true));
      const args: SyscallArgs = [frame.ebx, frame.ecx, frame.edx, frame.esi, frame.edi, frame.ebp];
      const result = this.dispatcher.dispatch(frame.eax, args, context);
      if (exited) interrupts.resumeIdle(frame);
      else frame.eax = result >>> 0;
    });
    setKernelSyscalls(this);
    ctx.provide(SysCallsKey, this);
  }

  /** Releases `int 0x80`. */
  shutdown(): void {
    this.release?.();
    this.release = null;
    setKernelSyscalls(null, this);
  }

  callFromKernel(
    nr: number,
    args: Partial<SyscallArgs>,
    data: Uint8Array = new Uint8Array(0),
  ): number {
    if (!this.userMemory)
      throw new Error("syscalls is not initialised: install it and boot the system");
    const full: SyscallArgs = [
      args[0] ?? 0,
      args[1] ?? 0,
      args[2] ?? 0,
      args[3] ?? 0,
      args[4] ?? 0,
      args[5] ?? 0,
    ];
    return this.dispatcher.dispatch(
      nr,
      full,
      this.context(new KernelBuffer(data), true, () => {}),
    );
  }

  onExit(listener: (event: ExitEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private context(memory: UserMemory, fromKernel: boolean, onExit: () => void): SyscallContext {
    return {
      memory,
      fromKernel,
      output: (fd) => (fd === 1 || fd === 2 ? (this.sinks[fd - 1] ?? null) : null),
      exit: (status) => {
        onExit();
        const event: ExitEvent = { status, fromKernel };
        this.exitEvent = event;
        for (const listener of [...this.listeners]) listener(event);
      },
    };
  }
}
