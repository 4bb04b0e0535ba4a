import { describe, expect, it } from "vitest";
import { fakeMachine, PortRecorder } from "../test/fake-machine.js";
import { Selector } from "./descriptors.js";
import { Interrupts } from "./interrupts.js";
import { IrqRouter } from "./irq-router.js";
import { PortIo } from "./port-io.js";
import { FrameOffset } from "./trap-frame.js";

function rig() {
  const m = fakeMachine();
  const pic = new PortRecorder();
  m.io.register(0x20, 2, pic);
  m.io.register(0xa0, 2, pic);
  const interrupts = new Interrupts(m);
  const irqs = new IrqRouter(interrupts, new PortIo(m.io));
  irqs.init();
  const raise = (irq: number): void => {
    m.memory.write32(0x1ff00 + FrameOffset.vector, 0x20 + irq);
    m.memory.write32(0x1ff00 + FrameOffset.cs, Selector.KernelCode);
    m.cpu.regs[4] = 0x1ff00;
    interrupts.dispatch();
  };
  return { m, pic, irqs, raise };
}

describe("IrqRouter", () => {
  it("remaps the PICs to 0x20-0x2f with everything but the cascade masked", () => {
    const { pic } = rig();
    expect(pic.writesTo(0x20)).toEqual([0x11]);
    expect(pic.writesTo(0x21)).toEqual([0x20, 0x04, 0x01, 0xfb]);
    expect(pic.writesTo(0xa1)).toEqual([0x28, 0x02, 0x01, 0xff]);
  });

  it("unmasks a line when claimed, calls its handler, then sends EOI", () => {
    const { pic, irqs, raise } = rig();
    const order: string[] = [];
    irqs.on(0, () => void order.push(`handler, eois so far ${pic.writesTo(0x20).length}`));
    expect(irqs.masked & 1).toBe(0);
    raise(0);
    expect(order).toEqual(["handler, eois so far 1"]);
    expect(pic.writesTo(0x20).at(-1)).toBe(0x20);
  });

  it("sends EOI to both PICs for a slave line, and unmasks the cascade", () => {
    const { pic, irqs, raise } = rig();
    irqs.on(12, () => {});
    expect(irqs.masked & (1 << 12)).toBe(0);
    raise(12);
    expect(pic.writesTo(0xa0).at(-1)).toBe(0x20);
    expect(pic.writesTo(0x20).at(-1)).toBe(0x20);
  });

  it("ignores a spurious IRQ 7 without an EOI", () => {
    const { pic, irqs, raise } = rig();
    let called = false;
    irqs.on(7, () => void (called = true));
    pic.values.set(0x20, 0x00); // in-service register: nothing
    const before = pic.writesTo(0x20).filter((v) => v === 0x20).length;
    raise(7);
    expect(called).toBe(false);
    expect(irqs.spurious).toBe(1);
    expect(pic.writesTo(0x20).filter((v) => v === 0x20).length).toBe(before);
  });

  it("still sends EOI when the handler throws, and rejects a second claim", () => {
    const { pic, irqs, raise } = rig();
    irqs.on(1, () => {
      throw new Error("bad driver");
    });
    raise(1);
    expect(pic.writesTo(0x20).at(-1)).toBe(0x20);
    expect(() => irqs.on(1, () => {})).toThrow(/IRQ 1 already has a handler/);
    expect(() => irqs.on(16, () => {})).toThrow(RangeError);
  });
});
