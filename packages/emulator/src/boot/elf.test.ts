import { describe, expect, it } from "vitest";
import { BootError } from "./boot-error.js";
import { parseElf32 } from "./elf.js";
import { buildElf } from "./__tests__/images.js";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof BootError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return undefined;
}

describe("parseElf32", () => {
  it("reads the entry point and the program headers", () => {
    const image = buildElf([
      { paddr: 0x100000, data: new Uint8Array([1, 2, 3]) },
      { paddr: 0x200000, vaddr: 0xc0200000, data: new Uint8Array(4), memSize: 0x1000 },
    ]);
    const elf = parseElf32(image);
    expect(elf.entry).toBe(0x10000c);
    expect(elf.segments).toHaveLength(2);
    expect(elf.segments[1]).toMatchObject({
      type: 1,
      paddr: 0x200000,
      vaddr: 0xc0200000,
      fileSize: 4,
      memSize: 0x1000,
    });
  });

  it("refuses a file without the ELF magic", () => {
    expect(codeOf(() => parseElf32(new TextEncoder().encode("#!/bin/sh\necho hi\n")))).toMatch(
      /^not-elf: not an ELF file/,
    );
    expect(codeOf(() => parseElf32(new Uint8Array(0)))).toMatch(/^not-elf/);
  });

  it("refuses 64-bit, big-endian, non-i386 and non-executable ELFs", () => {
    const base = buildElf([{ paddr: 0x100000, data: new Uint8Array(4) }]);
    const with_ = (patch: (b: Uint8Array, dv: DataView) => void) => {
      const b = base.slice();
      patch(b, new DataView(b.buffer));
      return b;
    };
    expect(codeOf(() => parseElf32(with_((b) => (b[4] = 2))))).toMatch(
      /^unsupported-elf: ELF class 2/,
    );
    expect(codeOf(() => parseElf32(with_((b) => (b[5] = 2))))).toMatch(/big|little-endian/);
    expect(codeOf(() => parseElf32(with_((_b, dv) => dv.setUint16(18, 62, true))))).toMatch(
      /machine 62 is not i386/,
    );
    expect(codeOf(() => parseElf32(with_((_b, dv) => dv.setUint16(16, 3, true))))).toMatch(
      /type 3 is not an executable/,
    );
  });

  it("refuses truncated headers and segments running past the end of the file", () => {
    const image = buildElf([{ paddr: 0x100000, data: new Uint8Array(64) }]);
    expect(codeOf(() => parseElf32(image.subarray(0, 40)))).toMatch(/truncated ELF header/);
    expect(codeOf(() => parseElf32(image.subarray(0, 60)))).toMatch(/program headers run past/);
    expect(codeOf(() => parseElf32(image.subarray(0, 0x1010)))).toMatch(/segment 0 runs past/);
    const bad = image.slice();
    new DataView(bad.buffer).setUint32(52 + 20, 8, true); // memsz < filesz
    expect(codeOf(() => parseElf32(bad))).toMatch(/more file bytes than memory bytes/);
  });
});
