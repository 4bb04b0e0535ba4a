/**
 * Group-2 shifts and rotates (ROL ROR RCL RCR SHL SHR SAL SAR, in `/reg` order) and the
 * double shifts SHLD/SHRD. Counts are masked to 5 bits; a zero count changes nothing.
 * Flags follow the SDM; for counts above 1, OF is computed with the count-1 formula and
 * AF is cleared (both undefined there).
 */
import type { Cpu } from "./cpu.js";
import { getCf, setArithFlags, setResultFlags, signBit, sizeMask, szp } from "./flags.js";

const CF = 1;
const OF = 0x800;
const ALL = 0x8d5;

/** Applies group-2 operation `op` to `a` (`size` bits) by `count`; returns the result. */
export function shift(cpu: Cpu, op: number, a: number, count: number, size: number): number {
  count &= 0x1f;
  const m = sizeMask(size);
  a = (a & m) >>> 0;
  if (count === 0) return a;
  const sb = signBit(size);
  let r: number;
  let cf: number;
  switch (op) {
    case 0: {
      // ROL
      const c = count % size;
      r = c === 0 ? a : ((a << c) | (a >>> (size - c))) & m;
      r >>>= 0;
      cf = r & 1;
      setArithFlags(cpu, CF | OF, cf | ((r & sb ? 1 : 0) ^ cf ? OF : 0));
      return r;
    }
    case 1: {
      // ROR
      const c = count % size;
      r = c === 0 ? a : ((a >>> c) | (a << (size - c))) & m;
      r >>>= 0;
      cf = r & sb ? 1 : 0;
      const of = (r & sb ? 1 : 0) ^ (r & (sb >>> 1) ? 1 : 0);
      setArithFlags(cpu, CF | OF, cf | (of ? OF : 0));
      return r;
    }
    case 2: {
      // RCL: rotate through CF, a (size+1)-bit rotation
      const c = count % (size + 1);
      cf = getCf(cpu);
      r = a;
      for (let i = 0; i < c; i++) {
        const out = r & sb ? 1 : 0;
        r = (((r << 1) | cf) & m) >>> 0;
        cf = out;
      }
      if (c === 0) return a;
      setArithFlags(cpu, CF | OF, cf | ((r & sb ? 1 : 0) ^ cf ? OF : 0));
      return r;
    }
    case 3: {
      // RCR
      const c = count % (size + 1);
      cf = getCf(cpu);
      if (c === 0) return a;
      const of = (a & sb ? 1 : 0) ^ cf;
      r = a;
      for (let i = 0; i < c; i++) {
        const out = r & 1;
        r = ((r >>> 1) | (cf ? sb : 0)) >>> 0;
        cf = out;
      }
      setArithFlags(cpu, CF | OF, cf | (of ? OF : 0));
      return r;
    }
    case 4:
    case 6: {
      // SHL/SAL
      cf = count <= size ? (a >>> (size - count)) & 1 : 0;
      r = count < 32 ? ((a << count) & m) >>> 0 : 0;
      setResultFlags(cpu, r, size, cf, (r & sb ? 1 : 0) ^ cf);
      return r;
    }
    case 5: {
      // SHR
      cf = count <= size ? (a >>> (count - 1)) & 1 : 0;
      r = a >>> count;
      setResultFlags(cpu, r, size, cf, a & sb ? 1 : 0); // OF: the original sign bit
      return r;
    }
    default: {
      // SAR
      const sa = (a << (32 - size)) >> (32 - size);
      r = ((sa >> Math.min(count, 31)) & m) >>> 0;
      cf = (sa >> Math.min(count - 1, 31)) & 1;
      setResultFlags(cpu, r, size, cf, 0);
      return r;
    }
  }
}

/**
 * {@link shift} of a 32-bit register value by a count already masked to 1..31: SHL, SHR,
 * SAR, ROL and ROR inline (the forms compiled code uses), RCL and RCR through {@link shift}.
 * Returns the result as an int32.
 */
export function shift32(cpu: Cpu, op: number, a: number, count: number): number {
  let r: number;
  let cf: number;
  let of: number;
  switch (op) {
    case 4:
    case 6:
      cf = (a >>> (32 - count)) & 1;
      r = a << count;
      of = (r >>> 31) ^ cf;
      break;
    case 5:
      cf = (a >>> (count - 1)) & 1;
      r = (a >>> count) | 0;
      of = a >>> 31;
      break;
    case 7:
      cf = (a >> (count - 1)) & 1;
      r = a >> count;
      of = 0;
      break;
    case 0:
      // ROL: CF and OF change; the other flags keep their values, hence the eager form.
      r = (a << count) | (a >>> (32 - count));
      cf = r & 1;
      setArithFlags(cpu, CF | OF, cf | ((r >>> 31) ^ cf ? OF : 0));
      return r;
    case 1:
      // ROR
      r = (a >>> count) | (a << (32 - count));
      cf = r >>> 31;
      setArithFlags(cpu, CF | OF, cf | (cf ^ ((r >>> 30) & 1) ? OF : 0));
      return r;
    default:
      return shift(cpu, op, a, count, 32) | 0;
  }
  setResultFlags(cpu, r, 32, cf, of);
  return r;
}

/** SHLD: shifts `dest` left by `count`, filling from the top of `src`. */
export function shld(cpu: Cpu, dest: number, src: number, count: number, size: number): number {
  count &= 0x1f;
  const m = sizeMask(size);
  dest = (dest & m) >>> 0;
  src = (src & m) >>> 0;
  if (count === 0) return dest;
  let r: number;
  let cf: number;
  if (size === 32) {
    r = ((dest << count) | (src >>> (32 - count))) >>> 0;
    cf = (dest >>> (32 - count)) & 1;
  } else if (count <= 16) {
    r = (((dest << count) | (src >>> (16 - count))) & 0xffff) >>> 0;
    cf = (dest >>> (16 - count)) & 1;
  } else {
    // Undefined by the SDM; this mirrors Intel parts, which rotate through dest:src:dest.
    r = (((src << (count - 16)) | (dest >>> (32 - count))) & 0xffff) >>> 0;
    cf = (src >>> (32 - count)) & 1;
  }
  const of = ((r ^ dest) & signBit(size)) !== 0;
  setArithFlags(cpu, ALL, szp(r, size) | cf | (of ? OF : 0));
  return r;
}

/** SHRD: shifts `dest` right by `count`, filling from the bottom of `src`. */
export function shrd(cpu: Cpu, dest: number, src: number, count: number, size: number): number {
  count &= 0x1f;
  const m = sizeMask(size);
  dest = (dest & m) >>> 0;
  src = (src & m) >>> 0;
  if (count === 0) return dest;
  let r: number;
  let cf: number;
  if (size === 32) {
    r = ((dest >>> count) | (src << (32 - count))) >>> 0;
    cf = (dest >>> (count - 1)) & 1;
  } else if (count <= 16) {
    r = (((dest >>> count) | (src << (16 - count))) & 0xffff) >>> 0;
    cf = (dest >>> (count - 1)) & 1;
  } else {
    r = (((src >>> (count - 16)) | (dest << (32 - count))) & 0xffff) >>> 0;
    cf = (src >>> (count - 17)) & 1;
  }
  const of = ((r ^ dest) & signBit(size)) !== 0;
  setArithFlags(cpu, ALL, szp(r, size) | cf | (of ? OF : 0));
  return r;
}
