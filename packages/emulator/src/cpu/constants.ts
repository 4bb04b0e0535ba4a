/**
 * Architectural constants of the i386/i686 CPU: register indices, EFLAGS and CR0 bits,
 * exception vectors and the CPUID identity this emulator reports.
 */

/** Indices of the general registers in {@link Cpu.regs}, in ModRM encoding order. */
export const Reg = {
  EAX: 0,
  ECX: 1,
  EDX: 2,
  EBX: 3,
  ESP: 4,
  EBP: 5,
  ESI: 6,
  EDI: 7,
} as const;
/** One of the {@link Reg} indices. */
export type Reg = (typeof Reg)[keyof typeof Reg];

/** Segment register numbers, in the encoding order of `mov Sreg` (ES CS SS DS FS GS). */
export const SegReg = {
  ES: 0,
  CS: 1,
  SS: 2,
  DS: 3,
  FS: 4,
  GS: 5,
} as const;
/** One of the {@link SegReg} numbers. */
export type SegReg = (typeof SegReg)[keyof typeof SegReg];

/** EFLAGS bits. */
export const Eflags = {
  CF: 1 << 0,
  /** Always reads as 1. */
  FIXED1: 1 << 1,
  PF: 1 << 2,
  AF: 1 << 4,
  ZF: 1 << 6,
  SF: 1 << 7,
  TF: 1 << 8,
  IF: 1 << 9,
  DF: 1 << 10,
  OF: 1 << 11,
  /** Two-bit I/O privilege level field. */
  IOPL: 3 << 12,
  NT: 1 << 14,
  RF: 1 << 16,
  VM: 1 << 17,
  AC: 1 << 18,
  ID: 1 << 21,
} as const;

/** The six arithmetic status flags (CF PF AF ZF SF OF). */
export const ARITH_FLAGS = 0x8d5;

/** CR0 bits. */
export const Cr0 = {
  PE: 1 << 0,
  MP: 1 << 1,
  EM: 1 << 2,
  TS: 1 << 3,
  ET: 1 << 4,
  NE: 1 << 5,
  WP: 1 << 16,
  AM: 1 << 18,
  NW: 1 << 29,
  CD: 1 << 30,
  PG: 1 << 31,
} as const;

/** CR4 bits this CPU honours (others are stored but have no effect). */
export const Cr4 = {
  VME: 1 << 0,
  PVI: 1 << 1,
  TSD: 1 << 2,
  DE: 1 << 3,
  PSE: 1 << 4,
} as const;

/** Exception vectors. */
export const Vector = {
  /** Divide error. */
  DE: 0,
  /** Debug. */
  DB: 1,
  /** Non-maskable interrupt. */
  NMI: 2,
  /** Breakpoint (`int3`). */
  BP: 3,
  /** Overflow (`into`). */
  OF: 4,
  /** BOUND range exceeded. */
  BR: 5,
  /** Invalid opcode. */
  UD: 6,
  /** Device (coprocessor) not available. */
  NM: 7,
  /** Double fault. */
  DF: 8,
  /** Invalid TSS. */
  TS: 10,
  /** Segment not present. */
  NP: 11,
  /** Stack-segment fault. */
  SS: 12,
  /** General protection. */
  GP: 13,
  /** Page fault. */
  PF: 14,
  /** x87 floating-point error. */
  MF: 16,
  /** Alignment check. */
  AC: 17,
} as const;

/** Bits of the `#PF` error code. */
export const PageFaultError = {
  /** Set: protection violation; clear: page not present. */
  P: 1,
  /** Set: the access was a write. */
  W: 2,
  /** Set: the access came from CPL 3. */
  U: 4,
} as const;

/**
 * What `cpuid` reports. Feature bits list exactly what is implemented: FPU (when a
 * coprocessor is attached), VME-less PSE paging, TSC, CX8 and CMOV. No MMX or SSE.
 */
export const CpuidInfo = {
  /** The 12-byte vendor string of leaf 0. */
  vendor: "NativeKitCPU",
  /** Highest standard leaf. */
  maxLeaf: 1,
  /** Leaf 1 EAX: family 6, model 3, stepping 3 (a Pentium II class part). */
  signature: 0x00000633,
  /** Leaf 1 EDX without the FPU bit: PSE (3), TSC (4), CX8 (8), CMOV (15). */
  featuresEdx: (1 << 3) | (1 << 4) | (1 << 8) | (1 << 15),
  /** Leaf 1 EDX bit 0, set only when {@link Cpu.fpu} is attached. */
  fpuBit: 1 << 0,
} as const;
