/**
 * The seam between the integer CPU and the x87 FPU.
 *
 * The CPU decodes the ESC opcode space (D8–DF): it checks CR0.EM/CR0.TS (raising `#NM`
 * itself), computes the effective linear address of a memory operand, and hands the
 * instruction to {@link Fpu.execute}. The FPU reaches guest memory and the few pieces of
 * integer state it touches (AX for `fnstsw ax`, EFLAGS for `fcomi`/`fcmov`) through
 * {@link FpuHost}. Memory accesses through the host may raise guest faults (`#PF`, `#GP`)
 * the way any CPU memory access does; the FPU must leave its own state unchanged until
 * the instruction's memory reads have succeeded.
 */

/** What the FPU may ask of the CPU while it executes one instruction. */
export interface FpuHost {
  /** Reads guest memory at a linear address through segmentation-checked, paged access. */
  readU8(linear: number): number;
  /** Reads a 16-bit little-endian value at a linear address. */
  readU16(linear: number): number;
  /** Reads a 32-bit little-endian value (unsigned) at a linear address. */
  readU32(linear: number): number;
  /** Writes a byte at a linear address. */
  writeU8(linear: number, value: number): void;
  /** Writes a 16-bit little-endian value at a linear address. */
  writeU16(linear: number, value: number): void;
  /** Writes a 32-bit little-endian value at a linear address. */
  writeU32(linear: number, value: number): void;
  /** Sets AX (for `fnstsw ax`). */
  setAx(value: number): void;
  /** Current EFLAGS (for `fcmovcc`). */
  getEflags(): number;
  /** Sets ZF, PF and CF and clears OF, SF and AF (for `fcomi`/`fucomi`). */
  setComiFlags(zf: boolean, pf: boolean, cf: boolean): void;
  /**
   * Reports an unmasked x87 exception pending at a waiting instruction: the CPU raises
   * `#MF` (vector 16) when CR0.NE is set, or asserts IRQ 13 through the machine otherwise.
   */
  raiseFpuError(): void;
  /** Raises `#UD` for an encoding the FPU does not define. */
  raiseInvalidOpcode(): void;
}

/**
 * The instruction being executed and where it came from (for `fnstenv`/`fnsave`). The CPU
 * reuses one context object for every ESC instruction: read it, do not keep it.
 */
export interface FpuInstructionContext {
  /** The opcode byte, 0xD8..0xDF. */
  opcode: number;
  /** The ModRM byte that follows it. */
  modrm: number;
  /** Linear address of the memory operand, or -1 for register forms (mod = 3). */
  linear: number;
  /** Operand size of the instruction (16 or 32), for the environment-image formats. */
  operandSize: 16 | 32;
  /** True in real or virtual-8086 mode (selects the real-mode environment image layout). */
  realMode: boolean;
  /** CS selector and EIP of the instruction (the FPU instruction pointer). */
  cs: number;
  /** EIP of the instruction's first byte (prefixes included). */
  eip: number;
  /** Segment selector and offset of the memory operand (the FPU data pointer); 0 for register forms. */
  dataSelector: number;
  /** Offset of the memory operand within its segment. */
  dataOffset: number;
}

/** The x87 unit as the CPU drives it. */
export interface Fpu {
  /** `finit` state, as after RESET/INIT (control word 0x037F after `fninit`, 0x0040 after RESET). */
  reset(): void;
  /**
   * Executes one ESC instruction. The CPU has already done the `#NM` checks; for the
   * waiting forms (all but `fn*` control instructions) the FPU first calls
   * {@link FpuHost.raiseFpuError} when an unmasked exception is pending.
   */
  execute(host: FpuHost, ctx: FpuInstructionContext): void;
  /**
   * `fwait`/`wait` (0x9B): reports a pending unmasked exception through
   * {@link FpuHost.raiseFpuError}; otherwise does nothing.
   */
  wait(host: FpuHost): void;
}
