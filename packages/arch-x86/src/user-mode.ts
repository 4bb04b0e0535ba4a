/**
 * Entering ring 3: the host builds an `iret` frame on the kernel trap stack and points the
 * CPU at the trap exit path, which restores the registers and `iret`s into user code.
 */
import type { PhysicalMemory } from "@native-kit/emulator";
import { Selector } from "./descriptors.js";
import { ArchLayout } from "./layout.js";
import { TrapCode } from "./trap-code.js";
import {
  FrameOffset,
  type GeneralRegisters,
  type SavedFrame,
  USER_FRAME_SIZE,
} from "./trap-frame.js";
import type { X86Cpu } from "./x86-machine.js";

/** EFLAGS for fresh user code: IF set, reserved bit 1 set, IOPL 0. */
export const USER_EFLAGS = 0x202;

/** Where and how ring-3 code starts. */
export interface UserEntry {
  /** The first instruction. */
  eip: number;
  /** The user stack pointer. */
  esp: number;
  /** Initial general registers (zero when left out). */
  registers?: Partial<GeneralRegisters>;
  /** EFLAGS; IF is forced on and IOPL to 0 so user code cannot mask interrupts or do port I/O. */
  eflags?: number;
  /** GS selector (a TLS slot), default the user data selector. */
  gs?: number;
  /** FS selector, default the user data selector. */
  fs?: number;
}

/**
 * Prepares the CPU to run `entry` in ring 3 on its next instruction.
 *
 * The CPU must be in ring 0 and not inside a trap handler (a handler changes its frame
 * instead). The frame goes at the top of the kernel trap stack, which is also where the
 * next trap from ring 3 will put its own frame.
 *
 * @throws when the CPU is in ring 3.
 */
export function enterUserMode(memory: PhysicalMemory, cpu: X86Cpu, entry: UserEntry): void {
  if (cpu.getCpl() !== 0) {
    throw new Error(
      "cannot enter ring 3 from ring 3: change the trap frame from a handler instead",
    );
  }
  const frame = ArchLayout.stackTop - USER_FRAME_SIZE;
  const { words } = userFrame(entry);
  for (let i = 0; i < words.length; i++) memory.write32(frame + i * 4, words[i]!);
  cpu.regs[4] = frame;
  cpu.eip = TrapCode.exit;
  cpu.halted = false;
}

/**
 * The trap frame of ring-3 code that has not run yet: restore it into a frame with
 * {@link TrapFrame.restore} and the trap returns into `entry` (how a scheduler starts a
 * new program from a timer interrupt).
 */
export function userFrame(entry: UserEntry): SavedFrame {
  const words = new Uint32Array(USER_FRAME_SIZE / 4);
  const regs = entry.registers ?? {};
  const put = (offset: number, v: number): void => void (words[offset / 4] = v >>> 0);
  put(FrameOffset.eax, regs.eax ?? 0);
  put(FrameOffset.ecx, regs.ecx ?? 0);
  put(FrameOffset.edx, regs.edx ?? 0);
  put(FrameOffset.ebx, regs.ebx ?? 0);
  put(FrameOffset.ebp, regs.ebp ?? 0);
  put(FrameOffset.esi, regs.esi ?? 0);
  put(FrameOffset.edi, regs.edi ?? 0);
  put(FrameOffset.gs, entry.gs ?? Selector.UserData);
  put(FrameOffset.fs, entry.fs ?? Selector.UserData);
  put(FrameOffset.es, Selector.UserData);
  put(FrameOffset.ds, Selector.UserData);
  put(FrameOffset.eip, entry.eip);
  put(FrameOffset.cs, Selector.UserCode);
  put(FrameOffset.eflags, ((entry.eflags ?? USER_EFLAGS) | 0x202) & ~0x3000);
  put(FrameOffset.userEsp, entry.esp);
  put(FrameOffset.userSs, Selector.UserData);
  return { words, fromUser: true };
}
