import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, FileData } from "./file-data.js";

describe("FileData", () => {
  it("stores only written chunks and reads holes as zeros", () => {
    const d = new FileData();
    d.write(new Uint8Array([7, 8]), 10 * CHUNK_SIZE);
    expect(d.size).toBe(10 * CHUNK_SIZE + 2);
    expect(d.allocated).toBe(CHUNK_SIZE);
    const buf = new Uint8Array(4).fill(9);
    expect(d.read(buf, 10 * CHUNK_SIZE - 2)).toBe(4);
    expect([...buf]).toEqual([0, 0, 7, 8]);
  });

  it("starts small files small", () => {
    const d = new FileData();
    d.write(new Uint8Array(10), 0);
    expect(d.allocated).toBe(64);
    d.write(new Uint8Array(100), 10);
    expect(d.allocated).toBe(128);
  });

  it("zeroes a truncated tail that is later extended", () => {
    const d = new FileData();
    d.write(new Uint8Array(100).fill(1), 0);
    d.truncate(10);
    d.truncate(100);
    const buf = new Uint8Array(100);
    d.read(buf, 0);
    expect(buf.subarray(0, 10).every((b) => b === 1)).toBe(true);
    expect(buf.subarray(10).every((b) => b === 0)).toBe(true);
    expect(d.read(buf, 200)).toBe(0);
  });

  it("behaves like a flat byte array under random writes and truncates", () => {
    const op = fc.oneof(
      fc
        .record({ at: fc.nat(3 * CHUNK_SIZE), length: fc.nat(2 * CHUNK_SIZE), value: fc.nat(255) })
        .map(({ at, length, value }) => ({ at, bytes: new Uint8Array(length).fill(value) })),
      fc.record({ size: fc.nat(3 * CHUNK_SIZE) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const d = new FileData();
        let model = new Uint8Array(0);
        for (const o of ops) {
          if ("size" in o) {
            const next = new Uint8Array(o.size);
            next.set(model.subarray(0, o.size));
            model = next;
            d.truncate(o.size);
          } else {
            if (o.bytes.length === 0) continue;
            const end = Math.max(model.length, o.at + o.bytes.length);
            const next = new Uint8Array(end);
            next.set(model);
            next.set(o.bytes, o.at);
            model = next;
            d.write(o.bytes, o.at);
          }
        }
        const out = new Uint8Array(model.length);
        expect(d.read(out, 0)).toBe(model.length);
        // A byte loop: vitest's deep equality is too slow for arrays of this size.
        const same = out.every((b, i) => b === model[i]);
        expect(same).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
