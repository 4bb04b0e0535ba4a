import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { Cmos } from "./cmos.js";
import { IrqRecorder, ManualClock } from "./__tests__/doubles.js";

const START = Date.UTC(2026, 10, 25, 13, 59, 58); // a Wednesday

function setup(memorySize = 32 << 20) {
  const io = new IoBus();
  const clock = new ManualClock();
  const irq = new IrqRecorder();
  const cmos = new Cmos(clock, { memorySize, startTime: START }, irq);
  cmos.attach(io);
  const read = (reg: number) => {
    io.write8(0x70, reg);
    return io.read8(0x71);
  };
  const write = (reg: number, v: number) => {
    io.write8(0x70, reg);
    io.write8(0x71, v);
  };
  return { io, clock, cmos, irq, read, write };
}

describe("Cmos", () => {
  it("reads the start time in BCD, 24-hour, advancing with the machine clock", () => {
    const { clock, read } = setup();
    expect([read(0x04), read(0x02), read(0x00)]).toEqual([0x13, 0x59, 0x58]);
    expect([read(0x07), read(0x08), read(0x09), read(0x32), read(0x06)]).toEqual([
      0x25, 0x11, 0x26, 0x20, 0x04,
    ]);
    clock.ns = 3e9;
    expect([read(0x04), read(0x02), read(0x00)]).toEqual([0x14, 0x00, 0x01]);
  });

  it("switches to binary and 12-hour formats through register B", () => {
    const { read, write } = setup();
    write(0x0b, 0x04);
    expect(read(0x00)).toBe(58);
    expect(read(0x04)).toBe(0x81); // 1 PM, binary, PM flag
    write(0x0b, 0x02);
    expect(read(0x04)).toBe(0x13);
  });

  it("moves the clock when the guest writes the time", () => {
    const { cmos, read, write } = setup();
    write(0x04, 0x08);
    write(0x02, 0x30);
    expect(read(0x04)).toBe(0x08);
    expect(read(0x02)).toBe(0x30);
    expect(cmos.now().toISOString()).toBe("2026-11-25T08:30:58.000Z");
    write(0x09, 0x99);
    write(0x32, 0x19);
    expect(cmos.now().getUTCFullYear()).toBe(1999);
  });

  it("reports the memory size in the BIOS bytes and keeps general RAM", () => {
    const { read, write } = setup(32 << 20);
    expect(read(0x15) | (read(0x16) << 8)).toBe(640);
    expect(read(0x17) | (read(0x18) << 8)).toBe(31 * 1024);
    expect(read(0x34) | (read(0x35) << 8)).toBe((16 << 20) / 0x10000);
    expect(read(0x0d)).toBe(0x80);
    write(0x40, 0x5a);
    expect(read(0x40)).toBe(0x5a);
    write(0x0c, 0xff);
    expect(read(0x0c)).toBe(0);
  });

  it("raises update-in-progress just before each second and tracks the NMI mask", () => {
    const { io, clock, cmos, read } = setup();
    clock.ns = 999.9e6;
    expect(read(0x0a) & 0x80).toBe(0x80);
    clock.ns = 500e6;
    expect(read(0x0a) & 0x80).toBe(0);
    io.write8(0x70, 0x8f);
    expect(cmos.nmiMasked).toBe(true);
  });

  it("raises the periodic interrupt on IRQ 8 at the register A rate until register C is read", () => {
    const { clock, cmos, irq, read, write } = setup();
    expect(cmos.nextEventNs()).toBe(Infinity);
    write(0x0a, 0x26); // 1024 Hz
    write(0x0b, 0x42); // periodic interrupt on, 24-hour BCD
    const period = 1e9 / 1024;
    expect(cmos.nextEventNs()).toBeCloseTo(period, 3);
    clock.ns = cmos.nextEventNs();
    cmos.update();
    expect(irq.levels[8]).toBe(true);
    expect(cmos.nextEventNs()).toBeCloseTo(2 * period, 3);
    expect(read(0x0c)).toBe(0xc0);
    expect(irq.levels[8]).toBe(false);
    expect(read(0x0c)).toBe(0);
    write(0x0b, 0x02);
    expect(cmos.nextEventNs()).toBe(Infinity);
  });

  it("raises the update-ended interrupt when the RTC second ticks over", () => {
    const { clock, cmos, irq, read, write } = setup();
    clock.ns = 0.25e9;
    write(0x0b, 0x12); // update-ended interrupt on
    expect(cmos.nextEventNs()).toBeCloseTo(1e9, 3);
    clock.ns = 1e9;
    cmos.update();
    expect(irq.rises[8]).toBe(1);
    expect(read(0x0c)).toBe(0x90);
    expect(read(0x00)).toBe(0x59);
  });
});
