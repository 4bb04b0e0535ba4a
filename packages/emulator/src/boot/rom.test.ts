import { describe, expect, it } from "vitest";
import { PhysicalMemory } from "../memory/physical-memory.js";
import { BootError } from "./boot-error.js";
import { bootRom } from "./rom.js";

describe("bootRom", () => {
  it("maps a 64 KiB image below 1 MiB and at the top of 4 GiB, then resets the CPU", () => {
    const memory = new PhysicalMemory(2 << 20);
    let resets = 0;
    const image = new Uint8Array(0x10000);
    image[0xfff0] = 0xea;
    bootRom({ memory, cpu: { reset: () => resets++ } }, image);
    expect(resets).toBe(1);
    expect(memory.read8(0xffff0)).toBe(0xea);
    expect(memory.read8(0xfffffff0)).toBe(0xea);
  });

  it("refuses a truncated image with a message that names the sizes", () => {
    const memory = new PhysicalMemory(2 << 20);
    const target = { memory, cpu: { reset: () => {} } };
    expect(() => bootRom(target, new Uint8Array(0x8000))).toThrow(BootError);
    expect(() => bootRom(target, new Uint8Array(0xffff))).toThrow(
      /ROM image is 65535 bytes; .* exactly 65536 \(64 KiB\) or 131072 \(128 KiB\)/,
    );
  });
});
