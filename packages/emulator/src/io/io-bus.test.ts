import { describe, expect, it } from "vitest";
import { IoBus } from "./io-bus.js";

describe("IoBus", () => {
  it("routes accesses to the registered handler and reads open bus elsewhere", () => {
    const io = new IoBus();
    const writes: number[] = [];
    io.register(0x80, 1, { read: () => 0x12, write: (_p, _s, v) => writes.push(v) });
    io.write8(0x80, 0x1ff);
    expect(writes).toEqual([0xff]);
    expect(io.read8(0x80)).toBe(0x12);
    expect(io.read8(0x81)).toBe(0xff);
    expect(io.read16(0x81)).toBe(0xffff);
    expect(io.read32(0x81)).toBe(0xffffffff);
  });

  it("refuses overlapping registrations and ranges outside the port space", () => {
    const io = new IoBus();
    const h = { read: () => 0, write: () => {} };
    io.register(0x60, 5, h);
    expect(() => io.register(0x64, 1, h)).toThrow(/0x64 already has a handler/);
    expect(() => io.register(0xffff, 2, h)).toThrow(RangeError);
    io.unregister(0x60, 5);
    expect(io.isRegistered(0x64)).toBe(false);
  });
});
