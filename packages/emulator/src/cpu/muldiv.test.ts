import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { PhysicalMemory } from "../memory/physical-memory.js";
import { Cpu } from "./cpu.js";
import { div, idiv, mul } from "./muldiv.js";

const cpu = new Cpu(new PhysicalMemory(1 << 20), new IoBus());

describe("multiply and divide", () => {
  it("divides 64 by 32 bits exactly, as BigInt does", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (d, hiSeed, lo) => {
          const hi = hiSeed % d; // quotient fits in 32 bits
          cpu.regs[2] = hi;
          cpu.regs[0] = lo;
          div(cpu, d, 32);
          const n = (BigInt(hi) << 32n) | BigInt(lo);
          expect(cpu.regs[0]! >>> 0).toBe(Number(n / BigInt(d)));
          expect(cpu.regs[2]! >>> 0).toBe(Number(n % BigInt(d)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("raises #DE when the quotient does not fit", () => {
    cpu.regs[2] = 5;
    cpu.regs[0] = 0;
    expect(() => div(cpu, 5, 32)).toThrow();
    expect(cpu.faultVector).toBe(0);
    cpu.faultVector = -1;
    cpu.regs[2] = -1;
    cpu.regs[0] = 0x80000000 | 0;
    expect(() => idiv(cpu, -1, 32)).toThrow();
    expect(cpu.faultVector).toBe(0);
  });

  it("multiplies 32×32 → 64 bits unsigned", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (a, b) => {
          cpu.regs[0] = a;
          mul(cpu, b, 32);
          const p = BigInt(a) * BigInt(b);
          expect(cpu.regs[0]! >>> 0).toBe(Number(p & 0xffffffffn));
          expect(cpu.regs[2]! >>> 0).toBe(Number(p >> 32n));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
