import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { DebugExit, debugExitStatus } from "./debug-exit.js";

describe("DebugExit", () => {
  it("reports the value written to port 0xF4 at any width", () => {
    const io = new IoBus();
    const dev = new DebugExit();
    dev.attach(io);
    const values: number[] = [];
    dev.onExit = (v) => values.push(v);
    io.write8(0xf4, 0x10);
    io.write32(0xf4, 0x12345678);
    expect(values).toEqual([0x10, 0x12345678]);
  });

  it("maps a value to QEMU's exit status (value << 1) | 1", () => {
    expect(debugExitStatus(0)).toBe(1);
    expect(debugExitStatus(0x10)).toBe(33);
    expect(debugExitStatus(0x80)).toBe(1);
  });
});
