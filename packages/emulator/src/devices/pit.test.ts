import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { Pit, PIT_FREQUENCY_HZ } from "./pit.js";
import { IrqRecorder, ManualClock } from "./__tests__/doubles.js";

const NS_PER_TICK = 1e9 / PIT_FREQUENCY_HZ;

function setup() {
  const io = new IoBus();
  const clock = new ManualClock();
  const irq = new IrqRecorder();
  const pit = new Pit(clock, irq);
  pit.attach(io);
  return { io, clock, irq, pit };
}

function program(io: IoBus, channel: number, mode: number, count: number): void {
  io.write8(0x43, (channel << 6) | 0x30 | (mode << 1));
  io.write8(0x40 + channel, count & 0xff);
  io.write8(0x40 + channel, count >> 8);
}

describe("Pit", () => {
  it("raises IRQ 0 at 100 Hz in mode 3 and schedules the next event", () => {
    const { io, clock, irq, pit } = setup();
    const divisor = Math.round(PIT_FREQUENCY_HZ / 100);
    program(io, 0, 3, divisor);
    let ticks = 0;
    // Step exactly to each announced event for one second (the divisor makes each period
    // 10.0002 ms, so the hundredth edge lands just after 1 s).
    while (pit.nextEventNs() < 1.0001e9) {
      clock.ns = Math.ceil(pit.nextEventNs());
      const before = irq.rises[0]!;
      pit.update();
      if (irq.rises[0]! > before) ticks++;
    }
    expect(ticks).toBe(100);
    expect(pit.nextEventNs()).toBeGreaterThan(1.01e9);
  });

  it("counts down in mode 2 and reads back through the counter latch", () => {
    const { io, clock } = setup();
    program(io, 0, 2, 1000);
    clock.ns = 250 * NS_PER_TICK + 1;
    io.write8(0x43, 0x00); // latch channel 0
    clock.ns = 600 * NS_PER_TICK; // the latch holds the old value
    const lo = io.read8(0x40);
    const hi = io.read8(0x40);
    expect(lo | (hi << 8)).toBe(750);
    // Unlatched read now, and the count wraps at the period.
    clock.ns = 1100 * NS_PER_TICK + 1;
    expect(io.read8(0x40) | (io.read8(0x40) << 8)).toBe(900);
  });

  it("fires once in mode 0 and reports the output in the read-back status", () => {
    const { io, clock, irq, pit } = setup();
    program(io, 0, 0, 100);
    expect(irq.levels[0]).toBe(false);
    const base = irq.rises[0]!;
    clock.ns = 50 * NS_PER_TICK;
    pit.update();
    expect(irq.rises[0]! - base).toBe(0);
    clock.ns = 101 * NS_PER_TICK;
    pit.update();
    expect(irq.rises[0]! - base).toBe(1);
    expect(pit.nextEventNs()).toBe(Infinity);
    clock.ns = 500 * NS_PER_TICK;
    pit.update();
    expect(irq.rises[0]! - base).toBe(1);
    io.write8(0x43, 0xe2); // read-back status of channel 0
    expect(io.read8(0x40)).toBe(0x80 | 0x30 | 0x00);
  });

  it("collapses periods missed while nobody looked into one request", () => {
    const { io, clock, irq, pit } = setup();
    program(io, 0, 2, 100);
    const before = irq.rises[0]!;
    clock.ns = 1000 * NS_PER_TICK + 1;
    pit.update();
    expect(irq.rises[0]! - before).toBe(1);
    expect(pit.nextEventNs()).toBe(Math.ceil(1100 * NS_PER_TICK));
  });

  it("idles channel 0's output high, so programming mode 3 is not itself an edge", () => {
    const { io, irq } = setup();
    expect(irq.levels[0]).toBe(true);
    const base = irq.rises[0]!;
    program(io, 0, 3, 1000);
    expect(irq.rises[0]).toBe(base);
  });

  it("supports LSB-only and MSB-only access", () => {
    const { io, pit } = setup();
    io.write8(0x43, 0x94); // channel 2, LSB only, mode 2
    io.write8(0x42, 0x34);
    expect(pit.count(2)).toBe(0x34);
    io.write8(0x43, 0xa4); // channel 2, MSB only
    io.write8(0x42, 0x12);
    expect(pit.count(2)).toBe(0x1200);
  });

  it("gates channel 2 from port 0x61 and shows its output on bit 5", () => {
    const { io, clock } = setup();
    io.write8(0x61, 0x00);
    program(io, 2, 0, 1000);
    io.write8(0x61, 0x01); // gate up: the one-shot starts now
    expect(io.read8(0x61) & 0x21).toBe(0x01);
    clock.ns = 999 * NS_PER_TICK;
    expect(io.read8(0x61) & 0x20).toBe(0);
    clock.ns = 1001 * NS_PER_TICK;
    expect(io.read8(0x61) & 0x20).toBe(0x20);
  });

  it("toggles the refresh bit of port 0x61 as time passes", () => {
    const { io, clock } = setup();
    const a = io.read8(0x61) & 0x10;
    clock.ns += 15_000;
    const b = io.read8(0x61) & 0x10;
    expect(a).not.toBe(b);
  });
});
