import fc from "fast-check";
import { PhysicalMemory } from "@native-kit/emulator";
import { describe, expect, it } from "vitest";
import { decodePageEntry, encodePageEntry, PageFlag, translate } from "./paging.js";

describe("page entries", () => {
  it("encodes and decodes the flag bits", () => {
    const v = encodePageEntry({ frame: 0x200000, present: true, writable: true, user: true });
    expect(v).toBe(0x200007);
    expect(decodePageEntry(v | PageFlag.Dirty | PageFlag.CopyOnWrite)).toEqual({
      frame: 0x200000,
      present: true,
      writable: true,
      user: true,
      accessed: false,
      dirty: true,
      other: PageFlag.CopyOnWrite,
    });
  });

  it("rejects a frame that is not page aligned", () => {
    expect(() => encodePageEntry({ frame: 0x1234, present: true })).toThrow(/not 4 KiB aligned/);
  });
});

describe("translate", () => {
  const memory = new PhysicalMemory(8 * 1024 * 1024);
  const dir = 0x100000;
  const table = 0x101000;
  // 0x00400000-0x00400fff → 0x300000 user read-only; 0x00800000 → 4 MiB page at 0x400000
  memory.write32(dir + 1 * 4, table | PageFlag.Present | PageFlag.Writable | PageFlag.User);
  memory.write32(table, 0x300000 | PageFlag.Present | PageFlag.User);
  memory.write32(dir + 2 * 4, 0x400000 | PageFlag.Present | PageFlag.Writable | PageFlag.LargePage);

  it("walks two levels and combines the permissions of both", () => {
    expect(translate(memory, dir, 0x400123)).toEqual({
      physical: 0x300123,
      writable: false,
      user: true,
    });
  });

  it("handles 4 MiB pages", () => {
    expect(translate(memory, dir, 0x8abcde)).toEqual({
      physical: 0x4abcde,
      writable: true,
      user: false,
    });
  });

  it("returns null where nothing is mapped", () => {
    expect(translate(memory, dir, 0x401000)).toBeNull();
    expect(translate(memory, dir, 0xc0000000)).toBeNull();
  });
});

describe("page entry round trip", () => {
  it("decodes what it encodes for any frame and flags", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xfffff }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (page, present, writable, user, accessed, dirty) => {
          const e = { frame: page * 4096, present, writable, user, accessed, dirty, other: 0 };
          expect(decodePageEntry(encodePageEntry(e))).toEqual(e);
        },
      ),
    );
  });
});
