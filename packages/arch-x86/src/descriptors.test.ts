import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeSegment, encodeGate, encodeSegment } from "./descriptors.js";

describe("segment descriptors", () => {
  it("encodes the flat segments every i386 kernel uses", () => {
    const flat = { base: 0, limit: 0xfffff } as const;
    expect(encodeSegment({ ...flat, kind: "code", dpl: 0 })).toEqual([0x0000ffff, 0x00cf9a00]);
    expect(encodeSegment({ ...flat, kind: "data", dpl: 0 })).toEqual([0x0000ffff, 0x00cf9200]);
    expect(encodeSegment({ ...flat, kind: "code", dpl: 3 })).toEqual([0x0000ffff, 0x00cffa00]);
    expect(encodeSegment({ ...flat, kind: "data", dpl: 3 })).toEqual([0x0000ffff, 0x00cff200]);
  });

  it("encodes a byte-granular 32-bit TSS", () => {
    expect(encodeSegment({ base: 0x11000, limit: 103, kind: "tss", dpl: 0 })).toEqual([
      0x10000067, 0x00008901,
    ]);
  });

  it("round-trips base, limit and privilege through decodeSegment", () => {
    const [lo, hi] = encodeSegment({ base: 0xc0123456, limit: 0xabcde, kind: "data", dpl: 3 });
    expect(decodeSegment(lo, hi)).toMatchObject({
      base: 0xc0123456,
      limitBytes: 0xabcde * 4096 + 4095,
      dpl: 3,
      present: true,
    });
  });

  it("marks a never-set TLS slot not present and rejects limits over 20 bits", () => {
    const [, hi] = encodeSegment({ base: 0, limit: 0, kind: "data", dpl: 3, present: false });
    expect(decodeSegment(0, hi).present).toBe(false);
    expect(() => encodeSegment({ base: 0, limit: 0x100000, kind: "data", dpl: 0 })).toThrow(
      RangeError,
    );
  });
});

describe("gate descriptors", () => {
  it("encodes interrupt and trap gates with their privilege", () => {
    expect(encodeGate(0x12345678, 0x08, "interrupt", 0)).toEqual([0x00085678, 0x12348e00]);
    expect(encodeGate(0x00012000, 0x08, "trap", 3)).toEqual([0x00082000, 0x0001ef00]);
  });
});

describe("segment round trip", () => {
  it("decodes base, limit and privilege for any code or data segment", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xfffff }),
        fc.constantFrom("code" as const, "data" as const),
        fc.constantFrom(0 as const, 3 as const),
        fc.boolean(),
        (base, limit, kind, dpl, pageGranular) => {
          const [lo, hi] = encodeSegment({ base, limit, kind, dpl, pageGranular });
          const d = decodeSegment(lo, hi);
          expect(d.base).toBe(base);
          expect(d.limitBytes).toBe(pageGranular ? limit * 4096 + 4095 : limit);
          expect(d.dpl).toBe(dpl);
          expect((d.access & 0x08) !== 0).toBe(kind === "code");
        },
      ),
    );
  });
});
