/**
 * Replays one recorded x87 differential case (a line of `fixtures/x87/vectors.txt.gz`) on
 * the emulated {@link X87} through a {@link FakeFpuHost}, and compares with what the host's
 * real x87 produced.
 *
 * The initial state enters through the emulated `frstor` and the result leaves through the
 * emulated `fnsave`, so both are exercised by every case.
 */

import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { X87 } from "../../src/cpu/x87/x87.js";
import { FakeFpuHost, ctx } from "./fake-fpu-host.js";

/** Where the replay puts the frstor image, the fnsave image and the memory operand. */
const STATE_IN = 0x100;
const STATE_OUT = 0x200;
const OPERAND = 0x400;

/** The instructions computed through doubles: values are compared with a tolerance. */
export const APPROXIMATE = new Set([
  "f2xm1",
  "fyl2x",
  "fyl2xp1",
  "fptan",
  "fpatan",
  "fsin",
  "fcos",
  "fsincos",
]);

/** One parsed vector line. */
export interface Vector {
  /** Instruction name (spaces replaced by `_`). */
  name: string;
  /** Opcode and ModRM. */
  code: [number, number];
  /** EFLAGS before. */
  eflags: number;
  /** cw, sw, tw and the registers in ST order (86 bytes). */
  init: Uint8Array;
  /** Memory operand before (16 bytes). */
  mem: Uint8Array;
  /** The results as hex fields: cw sw tw regs mem eflags ax. */
  expected: Results;
}

/** Results as comparable hex strings. */
export interface Results {
  cw: string;
  sw: string;
  tw: string;
  regs: string;
  mem: string;
  eflags: string;
  ax: string;
}

function bytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** Parses one line of the vector file. */
export function parseVector(line: string): Vector {
  const [input, output] = line.split(" => ");
  const f = (input ?? "").split(" ");
  const o = (output ?? "").split(" ");
  if (f.length !== 5 || o.length !== 7)
    throw new Error(`malformed vector line: ${line.slice(0, 80)}`);
  const code = bytes(f[1]!);
  return {
    name: f[0]!,
    code: [code[0]!, code[1]!],
    eflags: parseInt(f[2]!, 16),
    init: bytes(f[3]!),
    mem: bytes(f[4]!),
    expected: {
      cw: o[0]!,
      sw: o[1]!,
      tw: o[2]!,
      regs: o[3]!,
      mem: o[4]!,
      eflags: o[5]!,
      ax: o[6]!,
    },
  };
}

/** Reads every vector line of the recorded file. */
export function loadVectors(path: string): string[] {
  return gunzipSync(readFileSync(path))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.length > 0);
}

/** Runs a vector on the emulator and returns the same fields the harness recorded. */
export function runVector(v: Vector): Results {
  const host = new FakeFpuHost(0x1000);
  const fpu = new X87();
  fpu.reset();
  const m = host.memory;
  // Build the 108-byte 32-bit protected-mode frstor image the harness used.
  m.fill(0xff, STATE_IN, STATE_IN + 12);
  m.fill(0, STATE_IN + 12, STATE_IN + 28);
  m.set(v.init.subarray(0, 2), STATE_IN);
  m.set(v.init.subarray(2, 4), STATE_IN + 4);
  m.set(v.init.subarray(4, 6), STATE_IN + 8);
  m.set(v.init.subarray(6, 86), STATE_IN + 28);
  m.set(v.mem, OPERAND);
  fpu.execute(host, ctx(0xdd, 0x25, STATE_IN));
  host.eflags = v.eflags;
  host.ax = 0;
  const [opcode, modrm] = v.code;
  if (modrm < 0xc0) fpu.execute(host, ctx(opcode, modrm, OPERAND));
  else fpu.execute(host, ctx(opcode, modrm));
  fpu.execute(host, ctx(0xdd, 0x35, STATE_OUT));
  const out = m.subarray(STATE_OUT, STATE_OUT + 108);
  return {
    cw: toHex(out.subarray(0, 2)),
    sw: toHex(out.subarray(4, 6)),
    tw: toHex(out.subarray(8, 10)),
    regs: toHex(out.subarray(28, 108)),
    mem: toHex(m.subarray(OPERAND, OPERAND + 16)),
    eflags: (host.eflags & 0x8d5).toString(16).padStart(8, "0"),
    ax: host.ax.toString(16).padStart(4, "0"),
  };
}

/** An extended value (10 bytes, little-endian hex) as sign × significand (a double) × 2^exp. */
function decode(hex: string): { nan: boolean; inf: boolean; sign: number; m: number; e: number } {
  const b = bytes(hex);
  const lo = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  const hi = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0;
  const se = b[8]! | (b[9]! << 8);
  const exp = se & 0x7fff;
  const special = exp === 0x7fff;
  const inf = special && (hi & 0x7fffffff) === 0 && lo === 0;
  return {
    nan: special && !inf,
    inf,
    sign: se >>> 15,
    m: (hi * 2 ** 32 + lo) / 2 ** 63,
    e: exp === 0 ? 1 : exp,
  };
}

/** True when two extended values agree within a relative 2^-62, two extended ulps (or a few denormal ulps). */
function close(expected: string, actual: string): boolean {
  const x = decode(expected);
  const y = decode(actual);
  if (x.nan || y.nan || x.inf || y.inf)
    return x.nan === y.nan && x.inf === y.inf && x.sign === y.sign;
  if (x.m === 0 || y.m === 0)
    return x.m === y.m || Math.max(x.m, y.m) * 2 ** (Math.max(x.e, y.e) - 1) < 2 ** -60;
  if (x.sign !== y.sign || Math.abs(x.e - y.e) > 1) return false;
  // Compare on the scale of the larger exponent; denormals (e = 1) allow 4 ulps of 2^-63.
  const scale = Math.max(x.e, y.e);
  const diff = Math.abs(x.m * 2 ** (x.e - scale) - y.m * 2 ** (y.e - scale));
  const tolerance = scale === 1 ? 4 * 2 ** -63 : 0;
  return (
    diff <= Math.max(x.m * 2 ** (x.e - scale), y.m * 2 ** (y.e - scale)) * 2 ** -62 + tolerance
  );
}

/**
 * True for the transcendental cases whose result Intel leaves undefined and whose
 * microcode answers this emulation does not reproduce: `fyl2xp1` with x below
 * −(1 − √2/2) (outside its documented domain on the negative side; the positive side and
 * `f2xm1` outside −1..1 do match). Only the stack shape (TOP and which registers are empty)
 * is compared for them.
 */
export function outsideDomain(v: Vector): boolean {
  if (v.name !== "fyl2xp1") return false;
  const se = v.init[6 + 8]! | (v.init[6 + 9]! << 8);
  const hi = v.init[6 + 7]!;
  const exp = se & 0x7fff;
  // 1 − √2/2 ≈ 0.2929 = 0x3FFD 95F6…; −∞ is an ordinary invalid operand.
  const large = exp > 0x3ffd || (exp === 0x3ffd && hi >= 0x95);
  return (se & 0x8000) !== 0 && large && exp !== 0x7fff;
}

/**
 * Compares results; returns a description of the first difference, or "" when they agree.
 * For {@link APPROXIMATE} instructions C1 (round-up) is ignored and register values may
 * differ by a relative 2^-62; for cases {@link outsideDomain} only TOP and the tags count
 * (see the README's table of differences).
 */
export function compareResults(v: Vector, actual: Results): string {
  const name = v.name;
  const expected = v.expected;
  if (outsideDomain(v)) {
    const empty = (tw: string): number => {
      const t = parseInt(tw.slice(2, 4) + tw.slice(0, 2), 16);
      let mask = 0;
      for (let p = 0; p < 8; p++) if (((t >> (2 * p)) & 3) === 3) mask |= 1 << p;
      return mask;
    };
    if (empty(expected.tw) !== empty(actual.tw))
      return `tw: expected ${expected.tw}, got ${actual.tw}`;
    const top = (sw: string): number => (parseInt(sw.slice(2, 4), 16) >> 3) & 7;
    if (top(expected.sw) !== top(actual.sw))
      return `TOP: expected ${top(expected.sw)}, got ${top(actual.sw)}`;
    return "";
  }
  const approximate = APPROXIMATE.has(name);
  for (const key of ["cw", "tw", "mem", "eflags", "ax"] as const) {
    if (expected[key] !== actual[key])
      return `${key}: expected ${expected[key]}, got ${actual[key]}`;
  }
  const swMask = approximate ? 0xfdff : 0xffff;
  const swE = parseInt(expected.sw.slice(2, 4) + expected.sw.slice(0, 2), 16) & swMask;
  const swA = parseInt(actual.sw.slice(2, 4) + actual.sw.slice(0, 2), 16) & swMask;
  if (swE !== swA)
    return `sw: expected ${swE.toString(16)}, got ${swA.toString(16)} (diff ${(swE ^ swA).toString(16)})`;
  if (expected.regs === actual.regs) return "";
  for (let i = 0; i < 8; i++) {
    const e = expected.regs.slice(20 * i, 20 * i + 20);
    const a = actual.regs.slice(20 * i, 20 * i + 20);
    if (e === a) continue;
    if (approximate && close(e, a)) continue;
    return `st${i}: expected ${e}, got ${a}`;
  }
  return "";
}
