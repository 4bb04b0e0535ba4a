/**
 * Lazy EFLAGS: arithmetic instructions record their operands, result and kind in the
 * CPU ({@link Cpu.flagOp} and friends); a flag is computed only when something reads it
 * (a `jcc`, `pushf`, `adc`…). Most results are overwritten before any flag is read, so
 * this saves the work of computing six flags per instruction.
 *
 * Operands and result are stored masked to the operation size; 32-bit values as int32
 * (signed), which V8 keeps in untagged small-integer fields, where uint32 values above
 * 2^31 would make every store box a double. Readers that compare unsigned apply `>>> 0`.
 */
import type { Cpu } from "./cpu.js";

/** Lazy-flag kinds stored in {@link Cpu.flagOp}. */
export const FlagOp = {
  /** Flags are materialized in {@link Cpu.flags}. */
  None: 0,
  Add: 1,
  /** Add with carry; the carry in is {@link Cpu.flagCf}. */
  Adc: 2,
  Sub: 3,
  /** Subtract with borrow; the borrow in is {@link Cpu.flagCf}. */
  Sbb: 4,
  /** AND/OR/XOR/TEST: CF=OF=AF=0. */
  Logic: 5,
  /** INC: CF is preserved in {@link Cpu.flagCf}. */
  Inc: 6,
  /** DEC: CF is preserved in {@link Cpu.flagCf}. */
  Dec: 7,
  /**
   * Shifts and multiplies: SF, ZF, PF from the result, CF in {@link Cpu.flagCf}, OF in
   * {@link Cpu.flagB} (0 or 1), AF clear.
   */
  Result: 8,
} as const;

/** Parity flag of each byte value (1 when the number of set bits is even). */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let bits = 0;
  for (let b = i; b; b >>= 1) bits += b & 1;
  PARITY[i] = bits & 1 ? 0 : 1;
}

/** Unsigned mask of an operation size in bits. */
export function sizeMask(size: number): number {
  return size === 32 ? 0xffffffff : size === 16 ? 0xffff : 0xff;
}

/** Sign bit of an operation size in bits. */
export function signBit(size: number): number {
  return size === 32 ? 0x80000000 : size === 16 ? 0x8000 : 0x80;
}

/** CF from the lazy state. */
export function getCf(cpu: Cpu): number {
  const a = cpu.flagA >>> 0;
  const r = cpu.flagRes >>> 0;
  switch (cpu.flagOp) {
    case FlagOp.None:
      return cpu.flags & 1;
    case FlagOp.Add:
      return r < a ? 1 : 0;
    case FlagOp.Adc:
      return r < a || (cpu.flagCf !== 0 && r === a) ? 1 : 0;
    case FlagOp.Sub:
      return a < cpu.flagB >>> 0 ? 1 : 0;
    case FlagOp.Sbb:
      return a < cpu.flagB >>> 0 || (cpu.flagCf !== 0 && a === cpu.flagB >>> 0) ? 1 : 0;
    case FlagOp.Logic:
      return 0;
    default:
      return cpu.flagCf;
  }
}

/** OF from the lazy state. */
export function getOf(cpu: Cpu): number {
  const a = cpu.flagA;
  const b = cpu.flagB;
  const r = cpu.flagRes;
  const s = signBit(cpu.flagSize);
  switch (cpu.flagOp) {
    case FlagOp.None:
      return (cpu.flags >>> 11) & 1;
    case FlagOp.Add:
    case FlagOp.Adc:
    case FlagOp.Inc:
      return (a ^ r) & (b ^ r) & s ? 1 : 0;
    case FlagOp.Sub:
    case FlagOp.Sbb:
    case FlagOp.Dec:
      return (a ^ b) & (a ^ r) & s ? 1 : 0;
    case FlagOp.Result:
      return b;
    default:
      return 0;
  }
}

/** ZF from the lazy state. */
export function getZf(cpu: Cpu): number {
  if (cpu.flagOp === FlagOp.None) return (cpu.flags >>> 6) & 1;
  return cpu.flagRes === 0 ? 1 : 0;
}

/** SF from the lazy state. */
export function getSf(cpu: Cpu): number {
  if (cpu.flagOp === FlagOp.None) return (cpu.flags >>> 7) & 1;
  return cpu.flagRes & signBit(cpu.flagSize) ? 1 : 0;
}

/** PF from the lazy state. */
export function getPf(cpu: Cpu): number {
  if (cpu.flagOp === FlagOp.None) return (cpu.flags >>> 2) & 1;
  return PARITY[cpu.flagRes & 0xff]!;
}

/** AF from the lazy state. */
export function getAf(cpu: Cpu): number {
  if (cpu.flagOp === FlagOp.None) return (cpu.flags >>> 4) & 1;
  if (cpu.flagOp === FlagOp.Logic || cpu.flagOp === FlagOp.Result) return 0;
  return (cpu.flagA ^ cpu.flagB ^ cpu.flagRes) & 0x10 ? 1 : 0;
}

/** The six arithmetic flags as EFLAGS bits. */
export function arithFlags(cpu: Cpu): number {
  if (cpu.flagOp === FlagOp.None) return cpu.flags & 0x8d5;
  return (
    getCf(cpu) |
    (getPf(cpu) << 2) |
    (getAf(cpu) << 4) |
    (getZf(cpu) << 6) |
    (getSf(cpu) << 7) |
    (getOf(cpu) << 11)
  );
}

/** Folds the lazy state into {@link Cpu.flags} so the arithmetic bits can be edited. */
export function materializeFlags(cpu: Cpu): void {
  if (cpu.flagOp === FlagOp.None) return;
  cpu.flags = (cpu.flags & ~0x8d5) | arithFlags(cpu);
  cpu.flagOp = FlagOp.None;
}

/**
 * Evaluates condition code `cc` (the low nibble of `jcc`/`setcc`/`cmovcc`): O NO B AE Z
 * NZ BE A S NS P NP L GE LE G.
 */
export function testCondition(cpu: Cpu, cc: number): boolean {
  const op = cpu.flagOp;
  if ((cc === 4 || cc === 5) && op !== FlagOp.None) return (cpu.flagRes === 0) === (cc === 4);
  if (op === FlagOp.Sub) {
    // After cmp/sub the unsigned and signed relations are direct comparisons.
    const a = cpu.flagA >>> 0;
    const b = cpu.flagB >>> 0;
    switch (cc) {
      case 2:
        return a < b;
      case 3:
        return a >= b;
      case 4:
        return a === b;
      case 5:
        return a !== b;
      case 6:
        return a <= b;
      case 7:
        return a > b;
      case 0xc:
      case 0xd:
      case 0xe:
      case 0xf: {
        const sh = 32 - cpu.flagSize;
        const sa = (a << sh) >> sh;
        const sb = (b << sh) >> sh;
        if (cc === 0xc) return sa < sb;
        if (cc === 0xd) return sa >= sb;
        if (cc === 0xe) return sa <= sb;
        return sa > sb;
      }
    }
  }
  let r: boolean;
  switch (cc >> 1) {
    case 0:
      r = getOf(cpu) !== 0;
      break;
    case 1:
      r = getCf(cpu) !== 0;
      break;
    case 2:
      r = getZf(cpu) !== 0;
      break;
    case 3:
      r = getCf(cpu) !== 0 || getZf(cpu) !== 0;
      break;
    case 4:
      r = getSf(cpu) !== 0;
      break;
    case 5:
      r = getPf(cpu) !== 0;
      break;
    case 6:
      r = getSf(cpu) !== getOf(cpu);
      break;
    default:
      r = getZf(cpu) !== 0 || getSf(cpu) !== getOf(cpu);
      break;
  }
  return (cc & 1) === 0 ? r : !r;
}

/**
 * Sets the arithmetic flags eagerly (shifts, multiplies, BCD…): `bits` holds the new
 * values of the flags selected by `which`.
 */
export function setArithFlags(cpu: Cpu, which: number, bits: number): void {
  materializeFlags(cpu);
  cpu.flags = (cpu.flags & ~which) | (bits & which);
}

/**
 * Records a result whose SF, ZF and PF follow from `result` (masked to `size`), with CF
 * and OF given (0 or 1) and AF clear: the lazy form of shifts and multiplies.
 */
export function setResultFlags(
  cpu: Cpu,
  result: number,
  size: number,
  cf: number,
  of: number,
): void {
  cpu.flagOp = FlagOp.Result;
  cpu.flagRes = result & sizeMask(size);
  cpu.flagSize = size;
  cpu.flagCf = cf;
  cpu.flagB = of;
  cpu.flagA = 0;
}

/** Flags of a result for SF, ZF and PF (as EFLAGS bits). */
export function szp(result: number, size: number): number {
  const m = result & sizeMask(size);
  return (m === 0 ? 0x40 : 0) | (m & signBit(size) ? 0x80 : 0) | (PARITY[m & 0xff]! << 2);
}
