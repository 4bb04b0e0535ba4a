/**
 * The shape of a differential test case, shared by the case generator
 * (`fixtures/diff/record.ts`), the native harness (`fixtures/diff/harness.c`, whose
 * binary record layouts are mirrored here) and the replay suite.
 *
 * A case is stored compactly: the random part of its registers and of its 256-byte data
 * buffer is expanded from a 32-bit seed, and only the values the generator chose on
 * purpose (edge operands, pointers into the buffer) are stored as overrides. Outcomes
 * are stored as differences from the initial state.
 */

import type { MaskTag } from "./undefined-flags.js";

/** Linear address of the 256-byte data buffer, natively and in the emulator. */
export const DATA_BASE = 0x0011_0000;
/**
 * Address of a case's first byte in the native harness (CODE_BASE + INSN_OFFSET in
 * harness.c). Cases that observe EIP (near calls, returns, indirect jumps) are replayed
 * at this same address.
 */
export const NATIVE_CODE_ADDRESS = 0x0010_0040;
/**
 * Base of the data segment FS holds during every case (limit 0xFFF): natively an LDT
 * entry, in the replay a loaded segment cache. FS-override cases address the buffer
 * through it, including with 16-bit addressing.
 */
export const FS_BASE = DATA_BASE;
/** Selector of that segment natively (LDT entry 0, RPL 3). */
export const FS_SELECTOR = 0x0007;
/** Size of the data buffer that is initialised and compared, in bytes. */
export const MEM_SIZE = 256;
/**
 * Bytes just below the buffer (in the page below) that are initialised and compared too,
 * so accesses can straddle a page boundary. Cases address them with negative offsets.
 */
export const LOW_SIZE = 16;
/** Offset in the buffer where ESP points unless a case overrides it. */
export const STACK_OFFSET = 0xc0;
/** Most instruction bytes a case may carry (an instruction plus a short tail). */
export const CODE_MAX = 32;
/** `vector` value of a case that completed without a fault. */
export const NO_FAULT = 0xffff_ffff;
/** The EFLAGS bits compared: CF PF AF ZF SF OF DF. */
export const COMPARED_FLAGS = 0x0cd5;
/** EFLAGS bit 1, always set. */
export const EFLAGS_FIXED = 0x2;

/** Register indices in encoding order. */
export const Reg = { EAX: 0, ECX: 1, EDX: 2, EBX: 3, ESP: 4, EBP: 5, ESI: 6, EDI: 7 } as const;
/** Register names in encoding order, for messages. */
export const REG_NAMES = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] as const;

/** Byte size of one `struct case_in` record of the harness. */
export const CASE_IN_SIZE = 4 + 4 + CODE_MAX + 32 + 4 + MEM_SIZE + LOW_SIZE;
/** Byte size of one `struct case_out` record of the harness. */
export const CASE_OUT_SIZE = 4 + 4 + 32 + 4 + 4 + 4 + MEM_SIZE + LOW_SIZE;

/** What an instruction left behind, natively recorded. */
export interface VectorOutcome {
  /** Exception vector when the case faulted (#DE = 0, #UD = 6, …); absent otherwise. */
  v?: number;
  /** Registers whose value changed: `[index, value]` pairs (unsigned). */
  r: [number, number][];
  /** EFLAGS after the instruction, or at the fault. */
  f: number;
  /** For a fault, EIP at the fault minus the address of the first case byte. */
  e?: number;
  /** For a fault that pushes an error code (#GP, …), the error code. */
  x?: number;
  /** Buffer bytes that changed: `[offset, value]` pairs (negative: below the buffer). */
  m: [number, number][];
}

/** One recorded case: its input and the native outcome. */
export interface VectorCase {
  /** Instruction bytes, as lowercase hex. */
  c: string;
  /** Short human description (mnemonic and operand form). */
  d: string;
  /** Key into the undefined-flags table. */
  t: MaskTag;
  /** Operand size in bits, for the mask rule. */
  z: 8 | 16 | 32;
  /** Extra input to the mask rule (a shift count, a bsf source value, …). */
  a?: number;
  /** Destination register of the instruction, for rules that make it undefined. */
  g?: number;
  /** Buffer offset of a memory destination, for rules that make it undefined. */
  w?: number;
  /** Set when the case observes EIP and must be replayed at {@link NATIVE_CODE_ADDRESS}. */
  n?: 1;
  /** Set when ES holds the buffer segment ({@link FS_BASE}) instead of a flat one. */
  e?: 1;
  /** Seed of the random registers and buffer bytes. */
  s: number;
  /** Register overrides: `[index, value]` pairs. */
  r: [number, number][];
  /** Buffer overrides: `[offset, value]` byte pairs (negative: below the buffer). */
  p: [number, number][];
  /** Initial EFLAGS. */
  f: number;
  /** The native outcome. */
  o: VectorOutcome;
}

/** A committed vector file: the cases of one instruction family. */
export interface VectorFile {
  /** Family name, also the file name (`vectors/<family>.json.gz`). */
  family: string;
  /** What the family covers, for the report. */
  description: string;
  /** Host CPU the vectors were recorded on. */
  recordedOn: string;
  /** The cases. */
  cases: VectorCase[];
}

/**
 * A xorshift32 generator: tiny, fast and identical wherever the cases are expanded.
 *
 * @example
 * ```ts
 * const next = xorshift32(42);
 * next(); // a deterministic unsigned 32-bit value
 * ```
 */
export function xorshift32(seed: number): () => number {
  // A zero state would stay zero forever; mixing in a constant avoids it.
  let x = (seed ^ 0x9e37_79b9) >>> 0 || 0x1234_5678;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** The full initial state of a case, expanded from its seed and overrides. */
export interface InitialState {
  /** The eight GPRs, unsigned, in encoding order. */
  regs: number[];
  /** The data buffer. */
  mem: Uint8Array;
  /** The {@link LOW_SIZE} bytes below it (index 0 is `DATA_BASE - LOW_SIZE`). */
  low: Uint8Array;
  /** EFLAGS. */
  eflags: number;
}

/**
 * Expands a case's seed and overrides into its initial registers and buffer.
 * ESP points at {@link STACK_OFFSET} in the buffer unless overridden.
 */
export function initialState(c: Pick<VectorCase, "s" | "r" | "p" | "f">): InitialState {
  const next = xorshift32(c.s);
  const regs: number[] = [];
  for (let i = 0; i < 8; i++) regs.push(next());
  regs[Reg.ESP] = DATA_BASE + STACK_OFFSET;
  const mem = new Uint8Array(MEM_SIZE);
  for (let i = 0; i < MEM_SIZE; i++) mem[i] = next() & 0xff;
  // Drawn after the buffer, so adding the low bytes left every older case unchanged.
  const low = new Uint8Array(LOW_SIZE);
  for (let i = 0; i < LOW_SIZE; i++) low[i] = next() & 0xff;
  for (const [i, v] of c.r) regs[i] = v >>> 0;
  for (const [o, v] of c.p) setByte(mem, low, o, v);
  return { regs, mem, low, eflags: c.f >>> 0 };
}

/** Writes a byte at a buffer offset; negative offsets land in the low bytes. */
function setByte(mem: Uint8Array, low: Uint8Array, offset: number, value: number): void {
  if (offset < -LOW_SIZE || offset >= MEM_SIZE || !Number.isInteger(offset)) {
    throw new RangeError(`buffer offset ${offset} is outside ${-LOW_SIZE}..${MEM_SIZE - 1}`);
  }
  if (offset < 0) low[offset + LOW_SIZE] = value & 0xff;
  else mem[offset] = value & 0xff;
}

/** The complete expected state after a case, rebuilt from the initial state and its outcome. */
export interface ExpectedState {
  /** Exception vector, or {@link NO_FAULT}. */
  vector: number;
  /** The eight GPRs after the case (or at the fault). */
  regs: number[];
  /** EFLAGS after the case. */
  eflags: number;
  /** EIP offset of the fault from the first case byte (only for faults). */
  eipOffset: number;
  /** Error code of the fault, or -1 when the vector pushes none. */
  errorCode: number;
  /** The data buffer afterwards. */
  mem: Uint8Array;
  /** The low bytes afterwards. */
  low: Uint8Array;
}

/** Applies a recorded outcome to the case's initial state. */
export function expectedState(c: VectorCase): ExpectedState {
  const init = initialState(c);
  const regs = init.regs.slice();
  for (const [i, v] of c.o.r) regs[i] = v >>> 0;
  const mem = init.mem.slice();
  const low = init.low.slice();
  for (const [o, v] of c.o.m) setByte(mem, low, o, v);
  return {
    vector: c.o.v ?? NO_FAULT,
    regs,
    eflags: c.o.f >>> 0,
    eipOffset: c.o.e ?? 0,
    errorCode: c.o.x ?? -1,
    mem,
    low,
  };
}

/** Parses the hex instruction bytes of a case. */
export function codeBytes(c: Pick<VectorCase, "c">): Uint8Array {
  if (c.c.length % 2 !== 0 || c.c.length / 2 > CODE_MAX || !/^[0-9a-f]*$/.test(c.c)) {
    throw new Error(`bad instruction bytes "${c.c}" in a vector case`);
  }
  const out = new Uint8Array(c.c.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(c.c.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Formats bytes as lowercase hex without separators. */
export function toHex(bytes: ArrayLike<number>): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (bytes[i]! & 0xff).toString(16).padStart(2, "0");
  return s;
}
