import { describe, expect, it } from "vitest";
import { RealClock, VirtualClock } from "./clock.js";

describe("VirtualClock", () => {
  it("derives time from the instruction count and the configured instruction duration", () => {
    let retired = 100;
    const clock = new VirtualClock(() => retired, 2);
    expect(clock.nowNs()).toBe(0);
    retired = 600;
    expect(clock.nowNs()).toBe(1000);
    expect(clock.instructionsUntil(1500)).toBe(250);
    expect(clock.instructionsUntil(10)).toBe(0);
  });

  it("moves forward on skip and ignores backward skips", () => {
    let retired = 0;
    const clock = new VirtualClock(() => retired);
    clock.skip(5000);
    clock.skip(-10);
    retired = 10;
    expect(clock.nowNs()).toBe(5010);
  });

  it("keeps time monotonic across a reset of the instruction counter", () => {
    let retired = 0;
    const clock = new VirtualClock(() => retired);
    retired = 700;
    clock.acrossCounterReset(() => (retired = 0));
    expect(clock.nowNs()).toBe(700);
    retired = 300;
    expect(clock.nowNs()).toBe(1000);
  });

  it("rejects a non-positive instruction duration", () => {
    expect(() => new VirtualClock(() => 0, 0)).toThrow(RangeError);
  });
});

describe("RealClock", () => {
  it("runs forward on its own and ignores skip", async () => {
    const clock = new RealClock();
    const a = clock.nowNs();
    clock.skip(1e12);
    await new Promise((r) => setTimeout(r, 5));
    const b = clock.nowNs();
    expect(b).toBeGreaterThan(a);
    expect(b).toBeLessThan(1e12);
    expect(clock.virtual).toBe(false);
  });
});
