/**
 * Multiplication and division: MUL/IMUL (one-, two- and three-operand forms) and DIV/IDIV
 * with `#DE` on a zero divisor or a quotient that does not fit. After MUL/IMUL, CF=OF tell
 * whether the high half is significant; SF, ZF and PF (undefined by the SDM) follow the
 * low half of the result, AF is cleared.
 */
import { Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { setArithFlags, setResultFlags, szp } from "./flags.js";

const OFCF = 0x801;
const ALL = 0x8d5;

/** Result of the last {@link mulU32}/{@link mulS32}: high dword (int32). */
let mulHi = 0;

/** Unsigned 32×32 multiply: returns the low dword (int32); high dword via {@link lastMulHigh}. */
export function mulU32(a: number, b: number): number {
  a >>>= 0;
  b >>>= 0;
  const al = a & 0xffff;
  const ah = a >>> 16;
  const bl = b & 0xffff;
  const bh = b >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  mulHi = (ah * bh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 0x10000)) | 0;
  return (mid << 16) | (ll & 0xffff) | 0;
}

/** Signed 32×32 multiply: returns the low dword; high dword via {@link lastMulHigh}. */
export function mulS32(a: number, b: number): number {
  const lo = mulU32(a, b);
  let hi = mulHi;
  if (a < 0) hi = (hi - b) | 0;
  if (b < 0) hi = (hi - a) | 0;
  mulHi = hi;
  return lo;
}

/** High dword of the last {@link mulU32}/{@link mulS32}. */
export function lastMulHigh(): number {
  return mulHi;
}

/** Group-3 MUL (`/4`): AX/DX:AX/EDX:EAX = accumulator × `src`. */
export function mul(cpu: Cpu, src: number, size: number): void {
  const r = cpu.regs;
  if (size === 8) {
    const v = (r[0]! & 0xff) * (src & 0xff);
    cpu.regs16[0] = v;
    setArithFlags(cpu, ALL, szp(v, 8) | (v > 0xff ? OFCF : 0));
  } else if (size === 16) {
    const v = (r[0]! & 0xffff) * (src & 0xffff);
    cpu.regs16[0] = v;
    cpu.regs16[4] = v >>> 16;
    setArithFlags(cpu, ALL, szp(v, 16) | (v > 0xffff ? OFCF : 0));
  } else {
    const lo = mulU32(r[0]!, src);
    r[0] = lo;
    r[2] = mulHi;
    const c = mulHi !== 0 ? 1 : 0;
    setResultFlags(cpu, lo, 32, c, c);
  }
}

/** Group-3 IMUL (`/5`): signed accumulator × `src`. */
export function imul1(cpu: Cpu, src: number, size: number): void {
  const r = cpu.regs;
  if (size === 8) {
    const v = ((r[0]! << 24) >> 24) * ((src << 24) >> 24);
    cpu.regs16[0] = v;
    setArithFlags(cpu, ALL, szp(v, 8) | (v !== (v << 24) >> 24 ? OFCF : 0));
  } else if (size === 16) {
    const v = ((r[0]! << 16) >> 16) * ((src << 16) >> 16);
    cpu.regs16[0] = v;
    cpu.regs16[4] = v >> 16;
    setArithFlags(cpu, ALL, szp(v, 16) | (v !== (v << 16) >> 16 ? OFCF : 0));
  } else {
    const lo = mulS32(r[0]!, src | 0);
    r[0] = lo;
    r[2] = mulHi;
    setArithFlags(cpu, ALL, szp(lo, 32) | (mulHi !== lo >> 31 ? OFCF : 0));
  }
}

/** Two- and three-operand IMUL: returns the truncated product of `a` × `b`. */
export function imul2(cpu: Cpu, a: number, b: number, size: number): number {
  if (size === 16) {
    const v = ((a << 16) >> 16) * ((b << 16) >> 16);
    setArithFlags(cpu, ALL, szp(v, 16) | (v !== (v << 16) >> 16 ? OFCF : 0));
    return v & 0xffff;
  }
  a |= 0;
  b |= 0;
  const lo = Math.imul(a, b);
  // CF=OF: the product does not fit in 32 bits. When it fits, the double product is exact
  // and equals `lo`; when it does not, its magnitude (even rounded) is at least 2^31.
  const c = a * b !== lo ? 1 : 0;
  setResultFlags(cpu, lo, 32, c, c);
  return lo;
}

/** Group-3 DIV (`/6`): unsigned divide of the accumulator pair by `src`. */
export function div(cpu: Cpu, src: number, size: number): void {
  const r = cpu.regs;
  if (size === 8) {
    const d = src & 0xff;
    const n = r[0]! & 0xffff;
    if (d === 0) cpu.raise(Vector.DE, -1);
    const q = Math.floor(n / d);
    if (q > 0xff) cpu.raise(Vector.DE, -1);
    cpu.regs8[0] = q;
    cpu.regs8[1] = n % d;
  } else if (size === 16) {
    const d = src & 0xffff;
    const n = ((r[2]! & 0xffff) * 0x10000 + (r[0]! & 0xffff)) >>> 0;
    if (d === 0) cpu.raise(Vector.DE, -1);
    const q = Math.floor(n / d);
    if (q > 0xffff) cpu.raise(Vector.DE, -1);
    cpu.regs16[0] = q;
    cpu.regs16[4] = n % d;
  } else {
    const d = src >>> 0;
    if (d === 0) cpu.raise(Vector.DE, -1);
    const hi = r[2]! >>> 0;
    const lo = r[0]! >>> 0;
    if (hi === 0) {
      r[0] = Math.floor(lo / d);
      r[2] = lo % d;
      return;
    }
    if (hi >= d) cpu.raise(Vector.DE, -1);
    // Long division in two 16-bit steps: every partial dividend is below 2^48, so double
    // arithmetic is exact (no BigInt allocation on this path, which libgcc's 64-bit
    // division takes often).
    const n1 = hi * 0x10000 + (lo >>> 16);
    const q1 = Math.floor(n1 / d);
    const n0 = (n1 - q1 * d) * 0x10000 + (lo & 0xffff);
    const q0 = Math.floor(n0 / d);
    r[0] = q1 * 0x10000 + q0;
    r[2] = n0 - q0 * d;
  }
}

/** Group-3 IDIV (`/7`): signed divide, quotient truncated toward zero. */
export function idiv(cpu: Cpu, src: number, size: number): void {
  const r = cpu.regs;
  if (size === 8) {
    const d = (src << 24) >> 24;
    const n = (r[0]! << 16) >> 16;
    if (d === 0) cpu.raise(Vector.DE, -1);
    const q = Math.trunc(n / d);
    if (q > 127 || q < -128) cpu.raise(Vector.DE, -1);
    cpu.regs8[0] = q;
    cpu.regs8[1] = n % d;
  } else if (size === 16) {
    const d = (src << 16) >> 16;
    const n = ((r[2]! & 0xffff) << 16) | (r[0]! & 0xffff);
    if (d === 0) cpu.raise(Vector.DE, -1);
    const q = Math.trunc(n / d);
    if (q > 32767 || q < -32768) cpu.raise(Vector.DE, -1);
    cpu.regs16[0] = q;
    cpu.regs16[4] = n % d;
  } else {
    const d = src | 0;
    if (d === 0) cpu.raise(Vector.DE, -1);
    const hi = r[2]!;
    const lo = r[0]!;
    if (hi === lo >> 31) {
      if (lo === -0x80000000 && d === -1) cpu.raise(Vector.DE, -1);
      r[0] = Math.trunc(lo / d);
      r[2] = lo % d;
      return;
    }
    const n = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
    const bd = BigInt(d);
    const q = n / bd;
    if (q > 0x7fffffffn || q < -0x80000000n) cpu.raise(Vector.DE, -1);
    r[0] = Number(q);
    r[2] = Number(n % bd);
  }
}
