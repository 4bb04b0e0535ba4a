import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { FpuErrorLatch, FPU_ERROR_IRQ } from "./fpu-error.js";

describe("FpuErrorLatch", () => {
  it("holds IRQ 13 asserted until port 0xF0 is written", () => {
    const lines: [number, boolean][] = [];
    const latch = new FpuErrorLatch({ setIrq: (irq, level) => lines.push([irq, level]) });
    const io = new IoBus();
    latch.attach(io);
    latch.assert();
    expect(latch.asserted).toBe(true);
    expect(lines).toEqual([[FPU_ERROR_IRQ, true]]);
    io.write8(0xf0, 0);
    expect(latch.asserted).toBe(false);
    expect(lines).toEqual([
      [13, true],
      [13, false],
    ]);
    io.write8(0xf0, 0); // nothing more to release
    latch.reset();
    expect(lines).toHaveLength(2);
  });
});
