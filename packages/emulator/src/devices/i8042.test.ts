import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { I8042 } from "./i8042.js";
import { IrqRecorder } from "./__tests__/doubles.js";

function setup() {
  const io = new IoBus();
  const irq = new IrqRecorder();
  const kbd = new I8042(irq);
  kbd.attach(io);
  return { io, irq, kbd };
}

/** Reads every byte the controller has for the guest. */
function drain(io: IoBus): number[] {
  const out: number[] = [];
  while (io.read8(0x64) & 1) out.push(io.read8(0x60));
  return out;
}

describe("I8042", () => {
  it("delivers injected scancodes one at a time with an IRQ 1 edge each", () => {
    const { io, irq, kbd } = setup();
    kbd.pressKey("a");
    expect(io.read8(0x64) & 1).toBe(1);
    expect(irq.rises[1]).toBe(1);
    expect(io.read8(0x60)).toBe(0x1e);
    expect(irq.rises[1]).toBe(2);
    expect(io.read8(0x60)).toBe(0x9e);
    expect(io.read8(0x64) & 1).toBe(0);
    expect(irq.levels[1]).toBe(false);
  });

  it("types text with Shift, Enter and extended keys", () => {
    const { io, kbd } = setup();
    kbd.typeText("A\n");
    expect(drain(io)).toEqual([0x2a, 0x1e, 0x9e, 0xaa, 0x1c, 0x9c]);
    kbd.pressKey("ArrowUp");
    expect(drain(io)).toEqual([0xe0, 0x48, 0xe0, 0xc8]);
    kbd.pressKey("c", { ctrl: true });
    expect(drain(io)).toEqual([0x1d, 0x2e, 0xae, 0x9d]);
    expect(() => kbd.pressKey("NoSuchKey")).toThrow(/unknown key/);
  });

  it("answers controller self tests and reads/writes the configuration byte", () => {
    const { io, irq, kbd } = setup();
    io.write8(0x64, 0xaa);
    expect(io.read8(0x64) & 0x08).toBe(0x08);
    expect(drain(io)).toEqual([0x55]);
    io.write8(0x64, 0xab);
    expect(drain(io)).toEqual([0x00]);
    io.write8(0x64, 0x20);
    expect(drain(io)).toEqual([0x45]);
    io.write8(0x64, 0x60);
    io.write8(0x60, 0x44); // IRQ 1 off
    const rises = irq.rises[1]!;
    kbd.pressKey("b");
    expect(irq.rises[1]).toBe(rises);
    expect(drain(io)).toEqual([0x30, 0xb0]);
  });

  it("holds keys while the keyboard port is disabled", () => {
    const { io, kbd } = setup();
    io.write8(0x64, 0xad);
    kbd.pressKey("q");
    expect(io.read8(0x64) & 1).toBe(0);
    io.write8(0x64, 0xae);
    expect(drain(io)).toEqual([0x10, 0x90]);
  });

  it("acknowledges keyboard commands: reset, LEDs, identify, echo, unknown", () => {
    const { io } = setup();
    io.write8(0x60, 0xff);
    expect(drain(io)).toEqual([0xfa, 0xaa]);
    io.write8(0x60, 0xed);
    io.write8(0x60, 0x07);
    expect(drain(io)).toEqual([0xfa, 0xfa]);
    io.write8(0x60, 0xf2);
    expect(drain(io)).toEqual([0xfa, 0xab, 0x41]);
    io.write8(0x60, 0xee);
    expect(drain(io)).toEqual([0xee]);
    io.write8(0x60, 0xf0);
    io.write8(0x60, 0x00);
    expect(drain(io)).toEqual([0xfa, 0xfa, 0x02]);
    io.write8(0x60, 0x42);
    expect(drain(io)).toEqual([0xfe]);
  });

  it("drops keys while scanning is disabled", () => {
    const { io, kbd } = setup();
    io.write8(0x60, 0xf5);
    drain(io);
    kbd.pressKey("x");
    expect(kbd.pendingScancodes).toBe(0);
    io.write8(0x60, 0xf4);
    drain(io);
    kbd.pressKey("x");
    expect(drain(io)).toEqual([0x2d, 0xad]);
  });

  it("requests a system reset on command 0xFE and on output-port bit 0 low", () => {
    const { io, kbd } = setup();
    let resets = 0;
    kbd.onResetRequest = () => resets++;
    io.write8(0x64, 0xfe);
    io.write8(0x64, 0xd1);
    io.write8(0x60, 0x02);
    io.write8(0x64, 0xd1);
    io.write8(0x60, 0x03);
    expect(resets).toBe(2);
    io.write8(0x64, 0xd0);
    expect(drain(io)).toEqual([0x03]);
    io.write8(0x64, 0xd2);
    io.write8(0x60, 0x77);
    expect(drain(io)).toEqual([0x77]);
  });
});
