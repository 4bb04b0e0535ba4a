import { describe, expect, it } from "vitest";
import { driverRig, PortRecorder } from "../../test/fake-machine.js";
import { PIT_HZ, pitDivisor, Timer } from "./timer.js";

describe("Timer", () => {
  it("programs channel 0 as a rate generator with the divisor for the rate", () => {
    const r = driverRig();
    const pit = new PortRecorder();
    r.machine.io.register(0x40, 4, pit);
    const timer = r.system.install(new Timer({ hz: 100 }));
    r.system.boot();
    expect(pit.writesTo(0x43)).toEqual([0x34]);
    expect(pit.writesTo(0x40)).toEqual([11932 & 0xff, 11932 >> 8]);
    expect(timer.hz).toBeCloseTo(100, 2);
    expect(r.irqs.masked & 1).toBe(0);
  });

  it("counts IRQ 0 ticks, reports uptime and calls listeners", () => {
    const r = driverRig();
    const timer = r.system.install(new Timer({ hz: 1000 }));
    r.system.boot();
    const seen: number[] = [];
    const off = timer.onTick((n) => void seen.push(n));
    for (let i = 0; i < 250; i++) r.raise(0);
    off();
    r.raise(0);
    expect(timer.ticks).toBe(251);
    expect(seen.length).toBe(250);
    expect(timer.uptimeMs).toBeCloseTo(251 * (1193 / PIT_HZ) * 1000, 1);
  });

  it("rejects rates the PIT cannot produce", () => {
    expect(() => new Timer({ hz: 10 })).toThrow(/between 19 Hz/);
    expect(() => new Timer({ hz: 2e6 })).toThrow(RangeError);
    expect(pitDivisor(19)).toBe(62799);
    expect(pitDivisor(PIT_HZ)).toBe(1);
  });
});
