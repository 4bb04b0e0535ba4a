/**
 * `TrapFrame`: a typed view of the frame the CPU and the trap stub push on the kernel
 * stack. Reads and writes go straight to guest memory, so whatever a handler changes is
 * what the stub's `popa … iret` restores.
 *
 * Layout, from the stack pointer at the hypercall upwards (offsets in bytes):
 *
 * ```
 *  0 edi   4 esi   8 ebp  12 (esp from pusha, ignored)  16 ebx  20 edx  24 ecx  28 eax
 * 32 gs   36 fs   40 es   44 ds   48 vector   52 error code
 * 56 eip  60 cs   64 eflags                   ← pushed by the CPU
 * 68 esp  72 ss                               ← only when the trap came from ring 3
 * ```
 */
import type { PhysicalMemory } from "@native-kit/emulator";
import { ArchLayout } from "./layout.js";

/** Byte offsets of the frame's fields. */
export const FrameOffset = {
  edi: 0,
  esi: 4,
  ebp: 8,
  ebx: 16,
  edx: 20,
  ecx: 24,
  eax: 28,
  gs: 32,
  fs: 36,
  es: 40,
  ds: 44,
  vector: 48,
  errorCode: 52,
  eip: 56,
  cs: 60,
  eflags: 64,
  userEsp: 68,
  userSs: 72,
} as const;

/** Size of a frame that came from ring 3 (with ESP and SS). */
export const USER_FRAME_SIZE = 76;
/** Size of a frame that came from ring 0. */
export const KERNEL_FRAME_SIZE = 68;

/** A copy of a trap frame, from {@link TrapFrame.save}. */
export interface SavedFrame {
  /** The frame's doublewords, in frame order (19; the last two only for ring-3 frames). */
  readonly words: Uint32Array;
  /** True when it describes ring-3 code. */
  readonly fromUser: boolean;
}

/** The general registers as plain numbers (unsigned 32-bit). */
export interface GeneralRegisters {
  /** EAX: system-call number in, result out. */
  eax: number;
  /** ECX: second system-call argument. */
  ecx: number;
  /** EDX: third system-call argument. */
  edx: number;
  /** EBX: first system-call argument. */
  ebx: number;
  /** EBP: sixth system-call argument. */
  ebp: number;
  /** ESI: fourth system-call argument. */
  esi: number;
  /** EDI: fifth system-call argument. */
  edi: number;
}

/**
 * The saved state of the interrupted code.
 *
 * A frame is only valid while its handler runs: the stack slot is reused by the next trap.
 *
 * @example
 * ```ts
 * interrupts.on(0x80, (frame) => {
 *   const nr = frame.eax;
 *   frame.eax = nr === 20 ? 1 : -38 >>> 0; // getpid, else -ENOSYS
 * });
 * ```
 */
export class TrapFrame {
  /**
   * @param memory - guest physical memory.
   * @param address - physical address of the frame's first field (EDI).
   * @param linear - the frame's linear address (the ESP at the hypercall).
   */
  constructor(
    private readonly memory: PhysicalMemory,
    /** Physical address of the frame. */
    readonly address: number,
    /** Linear address of the frame (the kernel ESP when the host took over). */
    readonly linear: number = address,
  ) {}

  private get(offset: number): number {
    return this.memory.read32(this.address + offset);
  }
  private set(offset: number, value: number): void {
    this.memory.write32(this.address + offset, value >>> 0);
  }

  /** The interrupt vector (0–255). */
  get vector(): number {
    return this.get(FrameOffset.vector) & 0xff;
  }
  /** The error code the CPU pushed (0 for vectors without one). */
  get errorCode(): number {
    return this.get(FrameOffset.errorCode);
  }
  /** True when the trap interrupted ring-3 code (the frame then holds ESP and SS). */
  get fromUser(): boolean {
    return (this.cs & 3) === 3;
  }

  /** EAX: the system-call number on entry, its result on return. */
  get eax(): number {
    return this.get(FrameOffset.eax);
  }
  set eax(v: number) {
    this.set(FrameOffset.eax, v);
  }
  /** ECX. */
  get ecx(): number {
    return this.get(FrameOffset.ecx);
  }
  set ecx(v: number) {
    this.set(FrameOffset.ecx, v);
  }
  /** EDX. */
  get edx(): number {
    return this.get(FrameOffset.edx);
  }
  set edx(v: number) {
    this.set(FrameOffset.edx, v);
  }
  /** EBX. */
  get ebx(): number {
    return this.get(FrameOffset.ebx);
  }
  set ebx(v: number) {
    this.set(FrameOffset.ebx, v);
  }
  /** EBP. */
  get ebp(): number {
    return this.get(FrameOffset.ebp);
  }
  set ebp(v: number) {
    this.set(FrameOffset.ebp, v);
  }
  /** ESI. */
  get esi(): number {
    return this.get(FrameOffset.esi);
  }
  set esi(v: number) {
    this.set(FrameOffset.esi, v);
  }
  /** EDI. */
  get edi(): number {
    return this.get(FrameOffset.edi);
  }
  set edi(v: number) {
    this.set(FrameOffset.edi, v);
  }
  /** DS selector to restore. */
  get ds(): number {
    return this.get(FrameOffset.ds) & 0xffff;
  }
  set ds(v: number) {
    this.set(FrameOffset.ds, v & 0xffff);
  }
  /** ES selector to restore. */
  get es(): number {
    return this.get(FrameOffset.es) & 0xffff;
  }
  set es(v: number) {
    this.set(FrameOffset.es, v & 0xffff);
  }
  /** FS selector to restore. */
  get fs(): number {
    return this.get(FrameOffset.fs) & 0xffff;
  }
  set fs(v: number) {
    this.set(FrameOffset.fs, v & 0xffff);
  }
  /** GS selector to restore. */
  get gs(): number {
    return this.get(FrameOffset.gs) & 0xffff;
  }
  set gs(v: number) {
    this.set(FrameOffset.gs, v & 0xffff);
  }
  /** Where execution resumes. */
  get eip(): number {
    return this.get(FrameOffset.eip);
  }
  set eip(v: number) {
    this.set(FrameOffset.eip, v);
  }
  /** CS selector to resume in (its RPL is the privilege level returned to). */
  get cs(): number {
    return this.get(FrameOffset.cs) & 0xffff;
  }
  set cs(v: number) {
    this.set(FrameOffset.cs, v & 0xffff);
  }
  /** EFLAGS to restore. */
  get eflags(): number {
    return this.get(FrameOffset.eflags);
  }
  set eflags(v: number) {
    this.set(FrameOffset.eflags, v);
  }
  /**
   * The interrupted stack pointer: the saved ring-3 ESP, or for a ring-0 trap the linear
   * address just above the frame.
   */
  get esp(): number {
    return this.fromUser ? this.get(FrameOffset.userEsp) : (this.linear + KERNEL_FRAME_SIZE) >>> 0;
  }
  set esp(v: number) {
    if (!this.fromUser) throw new Error("cannot move the stack of a trap that came from ring 0");
    this.set(FrameOffset.userEsp, v);
  }
  /** The interrupted SS (ring-3 frames only; the kernel's SS otherwise). */
  get ss(): number {
    return this.fromUser ? this.get(FrameOffset.userSs) & 0xffff : 0x10;
  }
  set ss(v: number) {
    if (!this.fromUser) throw new Error("cannot change SS of a trap that came from ring 0");
    this.set(FrameOffset.userSs, v & 0xffff);
  }

  /**
   * Copies the whole frame: the saved state of the interrupted code, to resume later with
   * {@link TrapFrame.restore} (a context switch saves one program's frame and restores
   * another's).
   */
  save(): SavedFrame {
    const words = new Uint32Array(USER_FRAME_SIZE / 4);
    const size = this.fromUser ? USER_FRAME_SIZE : KERNEL_FRAME_SIZE;
    for (let i = 0; i < size / 4; i++) words[i] = this.get(i * 4);
    return { words, fromUser: this.fromUser };
  }

  /**
   * Overwrites this frame with `saved`, so the trap returns into the code `saved` came
   * from. A ring-3 frame is larger than a ring-0 one: restoring one over a trap that came
   * from ring 0 is allowed only for a frame at the top of the kernel trap stack (a trap
   * taken in the idle loop), where the room is reserved.
   *
   * @throws when a ring-3 frame does not fit.
   */
  restore(saved: SavedFrame): void {
    if (saved.fromUser && !this.fromUser && this.linear + USER_FRAME_SIZE !== ArchLayout.stackTop) {
      throw new Error(
        `no room to resume ring-3 code from a ring-0 trap frame at 0x${this.linear.toString(16)}`,
      );
    }
    const size = saved.fromUser ? USER_FRAME_SIZE : KERNEL_FRAME_SIZE;
    for (let i = 0; i < size / 4; i++) this.set(i * 4, saved.words[i]!);
  }

  /** Reads all general registers. */
  registers(): GeneralRegisters {
    return {
      eax: this.eax,
      ecx: this.ecx,
      edx: this.edx,
      ebx: this.ebx,
      ebp: this.ebp,
      esi: this.esi,
      edi: this.edi,
    };
  }

  /** Writes the general registers given. */
  setRegisters(regs: Partial<GeneralRegisters>): void {
    for (const [name, value] of Object.entries(regs) as [keyof GeneralRegisters, number][]) {
      this.set(FrameOffset[name], value);
    }
  }
}
