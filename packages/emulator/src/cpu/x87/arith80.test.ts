import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, div, mul, sqrt } from "./arith80.js";
import { F80 } from "./float80.js";
import { fromNumber, toNumber } from "./real-formats.js";
import { Exc } from "./round80.js";

const CW64 = 0x037f;
const CW53 = 0x027f;
const CW24 = 0x007f;
const out = new F80();
const f = (x: number): F80 => fromNumber(new F80(), x);

/** Finite doubles away from the double range limits, so that 53-bit results are doubles. */
const normalDouble = fc
  .double({ min: -1e150, max: 1e150, noNaN: true })
  .filter((x) => x === 0 || Math.abs(x) > 1e-150);

describe("extended arithmetic", () => {
  it("computes 1.0/3 bit-exactly as 0x3FFD AAAAAAAAAAAAAAAB", () => {
    expect(div(out, f(1), f(3), CW64)).toBe(Exc.PE | Exc.C1);
    expect(out).toMatchObject({ se: 0x3ffd, hi: 0xaaaaaaaa, lo: 0xaaaaaaab });
  });

  it("keeps 64 significand bits where doubles keep 53", () => {
    const big = new F80().set(0x403e, 0x80000000, 0); // 2^63
    add(out, big, f(1), false, CW64);
    expect(out).toMatchObject({ se: 0x403e, hi: 0x80000000, lo: 1 });
  });

  it("agrees with IEEE double arithmetic under 53-bit precision control", () => {
    fc.assert(
      fc.property(normalDouble, normalDouble, (a, b) => {
        add(out, f(a), f(b), false, CW53);
        expect(toNumber(out)).toBe(a + b);
        add(out, f(a), f(b), true, CW53);
        expect(toNumber(out)).toBe(a - b);
        mul(out, f(a), f(b), CW53);
        expect(toNumber(out)).toBe(a * b);
        if (b !== 0) {
          div(out, f(a), f(b), CW53);
          expect(toNumber(out)).toBe(a / b);
        }
        sqrt(out, f(Math.abs(a)), CW53);
        expect(toNumber(out)).toBe(Math.sqrt(Math.abs(a)));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with single arithmetic under 24-bit precision control", () => {
    const single = fc
      .float({ min: Math.fround(-1e15), max: Math.fround(1e15), noNaN: true })
      .filter((x) => x === 0 || Math.abs(x) > 1e-15);
    fc.assert(
      fc.property(single, single, (a, b) => {
        mul(out, f(a), f(b), CW24);
        expect(toNumber(out)).toBe(Math.fround(a * b));
        add(out, f(a), f(b), false, CW24);
        expect(toNumber(out)).toBe(Math.fround(a + b));
        if (b !== 0) {
          div(out, f(a), f(b), CW24);
          expect(toNumber(out)).toBe(Math.fround(a / b));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("gives x − x = +0, or −0 when rounding down", () => {
    add(out, f(5), f(5), true, CW64);
    expect(out.se).toBe(0);
    add(out, f(5), f(5), true, CW64 | 0x400);
    expect(out.se).toBe(0x8000);
  });

  it("produces the indefinite for invalid operations", () => {
    const inf = f(Infinity);
    expect(add(out, inf, f(-Infinity), false, CW64)).toBe(Exc.IE);
    expect(out).toMatchObject({ se: 0xffff, hi: 0xc0000000 });
    expect(mul(out, inf, f(0), CW64)).toBe(Exc.IE);
    expect(div(out, f(0), f(0), CW64)).toBe(Exc.IE);
    expect(div(out, inf, inf, CW64)).toBe(Exc.IE);
    expect(sqrt(out, f(-1), CW64)).toBe(Exc.IE);
  });

  it("raises ZE for a finite number over zero and keeps −0's square root", () => {
    expect(div(out, f(-3), f(0), CW64)).toBe(Exc.ZE);
    expect(toNumber(out)).toBe(-Infinity);
    expect(sqrt(out, f(-0), CW64)).toBe(0);
    expect(out.se).toBe(0x8000);
  });

  it("flags denormal operands and tiny results", () => {
    const tiny = new F80().set(0x0000, 0x40000000, 0);
    expect(mul(out, tiny, f(1), CW64)).toBe(Exc.DE);
    const flags = mul(out, new F80().set(0x0001, 0x80000000, 1), f(0.5), CW64);
    expect(flags & (Exc.UE | Exc.PE)).toBe(Exc.UE | Exc.PE);
  });

  it("propagates NaNs and raises IE for signaling ones and unsupported encodings", () => {
    const snan = new F80().set(0x7fff, 0x80000000, 1);
    expect(add(out, snan, f(1), false, CW64)).toBe(Exc.IE);
    expect(out).toMatchObject({ se: 0x7fff, hi: 0xc0000000, lo: 1 });
    const unnormal = new F80().set(0x3fff, 0x40000000, 0);
    expect(mul(out, unnormal, f(1), CW64)).toBe(Exc.IE);
    expect(out.se).toBe(0xffff);
  });
});

describe("square root against an exact reference", () => {
  /** Correctly rounded (nearest-even) 64-bit square root of a random significand, by BigInt. */
  function reference(hi: number, lo: number, odd: boolean): [number, number] {
    // x = A·2^(e−63) with e = 1 (odd) or 0: the power of two must be even.
    const a = ((BigInt(hi) << 32n) | BigInt(lo)) << (odd ? 0n : 1n);
    // sqrt(a · 2^(2k)) with enough bits: a·2^130 has a root of about 97 bits.
    const n = a << 130n;
    let x = 1n << 98n;
    for (;;) {
      const y = (x + n / x) >> 1n;
      if (y >= x) break;
      x = y;
    }
    const exact = x * x === n;
    const bits = x.toString(2).length;
    const drop = BigInt(bits - 64);
    let q = x >> drop;
    const rest = x & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    if (rest > half || (rest === half && (!exact || (q & 1n) === 1n))) q += 1n;
    if (q >> 64n) q >>= 1n;
    return [Number(q >> 32n), Number(q & 0xffffffffn)];
  }

  it("is correctly rounded to 64 bits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0x80000000, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.boolean(),
        (hi, lo, odd) => {
          sqrt(out, new F80().set(odd ? 0x4000 : 0x3fff, hi, lo), CW64);
          expect([out.hi, out.lo]).toEqual(reference(hi, lo, odd));
        },
      ),
      { numRuns: 20000 },
    );
  });

  it("is exact for perfect squares", () => {
    expect(sqrt(out, f(2 ** 62 * 9), CW64)).toBe(0);
    expect(toNumber(out)).toBe(2 ** 31 * 3);
    expect(sqrt(out, new F80().set(0x3fff + 62, 0xffffffff, 0xfffffffe), CW64) & Exc.PE).toBe(
      Exc.PE,
    );
  });
});
