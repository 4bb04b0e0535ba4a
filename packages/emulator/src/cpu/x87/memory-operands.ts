/**
 * Reading and writing the x87's memory operand formats through the {@link FpuHost}:
 * reals of 32, 64 and 80 bits, integers of 16, 32 and 64 bits, and 18-digit packed BCD.
 * Conversions that can raise exceptions return the {@link Exc} flags; the writers only
 * move bits (the caller has decided whether to write at all).
 */

import type { FpuHost } from "../fpu-interface.js";
import { F80 } from "./float80.js";
import { bcdDigits, fromBcdDigits, fromSignedWords } from "./integer80.js";
import { loadDouble, loadSingle } from "./real-formats.js";

/** Operand formats of the x87 memory forms. */
export const MemFormat = {
  /** `m32real`. */
  Real32: 0,
  /** `m64real`. */
  Real64: 1,
  /** `m80real`. */
  Real80: 2,
  /** `m16int`. */
  Int16: 3,
  /** `m32int`. */
  Int32: 4,
  /** `m64int`. */
  Int64: 5,
  /** `m80bcd`. */
  Bcd: 6,
} as const;
/** One of the {@link MemFormat} values. */
export type MemFormat = (typeof MemFormat)[keyof typeof MemFormat];

const digits = new Uint8Array(18);

/**
 * Reads a memory operand of `format` at `addr` into `out` as an extended value. With
 * `quiet` set (loads), single/double SNaNs are quieted and raise IE; arithmetic passes
 * false so that the operation itself sees the signaling NaN.
 *
 * @returns the {@link Exc} flags of the conversion (DE for single/double denormals).
 */
export function readOperand(
  host: FpuHost,
  addr: number,
  format: MemFormat,
  out: F80,
  quiet: boolean,
): number {
  switch (format) {
    case MemFormat.Real32:
      return loadSingle(out, host.readU32(addr), quiet);
    case MemFormat.Real64: {
      const lo = host.readU32(addr);
      return loadDouble(out, host.readU32(addr + 4), lo, quiet);
    }
    case MemFormat.Real80: {
      const lo = host.readU32(addr);
      const hi = host.readU32(addr + 4);
      out.set(host.readU16(addr + 8), hi, lo);
      return 0;
    }
    case MemFormat.Int16: {
      const v = (host.readU16(addr) << 16) >> 16;
      fromSignedWords(out, v < 0 ? 0xffffffff : 0, v >>> 0);
      return 0;
    }
    case MemFormat.Int32: {
      const v = host.readU32(addr) | 0;
      fromSignedWords(out, v < 0 ? 0xffffffff : 0, v >>> 0);
      return 0;
    }
    case MemFormat.Int64: {
      const lo = host.readU32(addr);
      fromSignedWords(out, host.readU32(addr + 4), lo);
      return 0;
    }
    default: {
      for (let i = 0; i < 9; i++) {
        const byte = host.readU8(addr + i);
        digits[2 * i] = byte & 0xf;
        digits[2 * i + 1] = byte >>> 4;
      }
      const sign = host.readU8(addr + 9) >>> 7;
      fromBcdDigits(out, sign, digits);
      return 0;
    }
  }
}

/** Writes an extended value as `m80real`. */
export function writeReal80(host: FpuHost, addr: number, v: F80): void {
  host.writeU32(addr, v.lo);
  host.writeU32(addr + 4, v.hi);
  host.writeU16(addr + 8, v.se);
}

/** Writes an integer of `bytes` (2, 4 or 8) given as two's-complement words. */
export function writeInteger(
  host: FpuHost,
  addr: number,
  bytes: 2 | 4 | 8,
  hi: number,
  lo: number,
): void {
  if (bytes === 2) host.writeU16(addr, lo & 0xffff);
  else host.writeU32(addr, lo >>> 0);
  if (bytes === 8) host.writeU32(addr + 4, hi >>> 0);
}

/** Writes the packed BCD in {@link bcdDigits} with a sign, or the BCD indefinite when `indefinite`. */
export function writeBcd(host: FpuHost, addr: number, sign: number, indefinite: boolean): void {
  if (indefinite) {
    for (let i = 0; i < 7; i++) host.writeU8(addr + i, 0);
    host.writeU8(addr + 7, 0xc0);
    host.writeU8(addr + 8, 0xff);
    host.writeU8(addr + 9, 0xff);
    return;
  }
  for (let i = 0; i < 9; i++)
    host.writeU8(addr + i, ((bcdDigits[2 * i + 1] ?? 0) << 4) | (bcdDigits[2 * i] ?? 0));
  host.writeU8(addr + 9, sign << 7);
}
