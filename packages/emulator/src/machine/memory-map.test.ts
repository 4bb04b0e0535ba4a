import { describe, expect, it } from "vitest";
import { formatMemoryMap, MemoryType, pcMemoryMap } from "./memory-map.js";

describe("pcMemoryMap", () => {
  it("describes conventional memory, EBDA, BIOS, extended RAM and the firmware window", () => {
    const map = pcMemoryMap(32 << 20);
    expect(map).toEqual([
      { base: 0, length: 0x9fc00, type: MemoryType.Usable },
      { base: 0x9fc00, length: 0x400, type: MemoryType.Reserved },
      { base: 0xf0000, length: 0x10000, type: MemoryType.Reserved },
      { base: 0x100000, length: (32 << 20) - 0x100000, type: MemoryType.Usable },
      { base: 0xfffc0000, length: 0x40000, type: MemoryType.Reserved },
    ]);
    // Regions are sorted and never overlap.
    for (let i = 1; i < map.length; i++) {
      expect(map[i]!.base).toBeGreaterThanOrEqual(map[i - 1]!.base + map[i - 1]!.length);
    }
  });

  it("formats the table the way a boot log prints it", () => {
    expect(formatMemoryMap(pcMemoryMap(16 << 20))).toEqual([
      "0x0000000000000000-0x000000000009fbff usable",
      "0x000000000009fc00-0x000000000009ffff reserved",
      "0x00000000000f0000-0x00000000000fffff reserved",
      "0x0000000000100000-0x0000000000ffffff usable",
      "0x00000000fffc0000-0x00000000ffffffff reserved",
    ]);
  });
});
