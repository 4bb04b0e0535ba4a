import { describe, expect, it } from "vitest";
import { FakeFpuHost } from "../../../test/x87/fake-fpu-host.js";
import { F80 } from "./float80.js";
import { toBcdDigits } from "./integer80.js";
import { MemFormat, readOperand, writeBcd, writeInteger, writeReal80 } from "./memory-operands.js";
import { toNumber } from "./real-formats.js";

describe("memory operands", () => {
  it("read every format", () => {
    const host = new FakeFpuHost(0x100);
    const v = new DataView(host.memory.buffer);
    const out = new F80();
    v.setFloat32(0, 1.5, true);
    readOperand(host, 0, MemFormat.Real32, out, true);
    expect(toNumber(out)).toBe(1.5);
    v.setFloat64(0, -0.1, true);
    readOperand(host, 0, MemFormat.Real64, out, true);
    expect(toNumber(out)).toBe(-0.1);
    v.setInt16(0, -300, true);
    readOperand(host, 0, MemFormat.Int16, out, true);
    expect(toNumber(out)).toBe(-300);
    v.setInt32(0, -70000, true);
    readOperand(host, 0, MemFormat.Int32, out, true);
    expect(toNumber(out)).toBe(-70000);
    v.setBigInt64(0, -(2n ** 62n), true);
    readOperand(host, 0, MemFormat.Int64, out, true);
    expect(toNumber(out)).toBe(-(2 ** 62));
    host.memory.set([0x99, 0x99, 0, 0, 0, 0, 0, 0, 0, 0x80], 0);
    readOperand(host, 0, MemFormat.Bcd, out, true);
    expect(toNumber(out)).toBe(-9999);
  });

  it("write extended values, integers and BCD", () => {
    const host = new FakeFpuHost(0x100);
    writeReal80(host, 0, new F80().set(0x3fff, 0x80000000, 1));
    expect(Array.from(host.memory.subarray(0, 10))).toEqual([
      1, 0, 0, 0, 0, 0, 0, 0x80, 0xff, 0x3f,
    ]);
    writeInteger(host, 0x10, 8, 0xffffffff, 0xfffffffe);
    expect(new DataView(host.memory.buffer).getBigInt64(0x10, true)).toBe(-2n);
    toBcdDigits(0, 1234);
    writeBcd(host, 0x20, 1, false);
    expect(Array.from(host.memory.subarray(0x20, 0x2a))).toEqual([
      0x34, 0x12, 0, 0, 0, 0, 0, 0, 0, 0x80,
    ]);
    writeBcd(host, 0x30, 0, true);
    expect(Array.from(host.memory.subarray(0x37, 0x3a))).toEqual([0xc0, 0xff, 0xff]);
  });
});
