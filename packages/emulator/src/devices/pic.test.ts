import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { PicPair } from "./pic.js";

/** The ICW sequence every PC kernel sends: vectors 0x20/0x28, cascade on IR2, 8086 mode. */
function initPic(io: IoBus, icw4 = 0x01): void {
  io.write8(0x20, 0x11);
  io.write8(0xa0, 0x11);
  io.write8(0x21, 0x20);
  io.write8(0xa1, 0x28);
  io.write8(0x21, 0x04);
  io.write8(0xa1, 0x02);
  io.write8(0x21, icw4);
  io.write8(0xa1, icw4);
}

function setup(icw4 = 0x01) {
  const io = new IoBus();
  const pic = new PicPair();
  pic.attach(io);
  initPic(io, icw4);
  return { io, pic };
}

describe("PicPair", () => {
  it("delivers the remapped vector, keeps it in service until EOI and blocks lower priorities", () => {
    const { io, pic } = setup();
    expect(pic.vectorBases).toEqual([0x20, 0x28]);
    expect(pic.hasInterrupt()).toBe(false);
    pic.pulseIrq(3);
    pic.pulseIrq(1);
    expect(pic.hasInterrupt()).toBe(true);
    expect(pic.acknowledge()).toBe(0x21);
    expect(pic.isr).toBe(0x02);
    // IRQ 3 has lower priority than IRQ 1 in service.
    expect(pic.hasInterrupt()).toBe(false);
    io.write8(0x20, 0x20); // non-specific EOI
    expect(pic.isr).toBe(0);
    expect(pic.acknowledge()).toBe(0x23);
    io.write8(0x20, 0x63); // specific EOI for IR3
    expect(pic.isr).toBe(0);
    expect(pic.hasInterrupt()).toBe(false);
  });

  it("lets a higher-priority request nest over one in service", () => {
    const { pic } = setup();
    pic.pulseIrq(4);
    expect(pic.acknowledge()).toBe(0x24);
    pic.pulseIrq(0);
    expect(pic.hasInterrupt()).toBe(true);
    expect(pic.acknowledge()).toBe(0x20);
    expect(pic.isr).toBe(0x11);
  });

  it("masks through OCW1 and reads IMR back from the data port", () => {
    const { io, pic } = setup();
    io.write8(0x21, 0xfe);
    expect(io.read8(0x21)).toBe(0xfe);
    pic.pulseIrq(1);
    expect(pic.hasInterrupt()).toBe(false);
    expect(pic.irr & 0x02).toBe(0x02);
    io.write8(0x21, 0x00);
    expect(pic.acknowledge()).toBe(0x21);
  });

  it("routes slave IRQs through the cascade and needs EOI on both chips", () => {
    const { io, pic } = setup();
    pic.pulseIrq(12);
    expect(pic.hasInterrupt()).toBe(true);
    expect(pic.acknowledge()).toBe(0x2c);
    expect(pic.isr).toBe(0x1004);
    io.write8(0xa0, 0x20);
    io.write8(0x20, 0x20);
    expect(pic.isr).toBe(0);
    io.write8(0xa1, 0x10); // mask IRQ 12 on the slave
    pic.pulseIrq(12);
    expect(pic.hasInterrupt()).toBe(false);
  });

  it("answers a request that vanished before INTA with spurious IRQ 7 and IRQ 15, without ISR bits", () => {
    const { io, pic } = setup();
    // Level-triggered view of a glitch: the line drops after INTR was seen.
    io.write8(0x20, 0x19);
    io.write8(0x21, 0x20);
    io.write8(0x21, 0x04);
    io.write8(0x21, 0x01);
    pic.setIrq(5, true);
    expect(pic.hasInterrupt()).toBe(true);
    pic.setIrq(5, false);
    expect(pic.acknowledge()).toBe(0x27);
    expect(pic.isr).toBe(0);

    const b = setup();
    b.pic.pulseIrq(9);
    b.io.write8(0xa1, 0x02); // masked on the slave after the cascade request was latched
    expect(b.pic.acknowledge()).toBe(0x2f);
    expect(b.pic.isr & 0xff00).toBe(0);
  });

  it("reads IRR and ISR through OCW3 and supports poll mode", () => {
    const { io, pic } = setup();
    pic.pulseIrq(6);
    io.write8(0x20, 0x0a);
    expect(io.read8(0x20)).toBe(0x40);
    pic.acknowledge();
    io.write8(0x20, 0x0b);
    expect(io.read8(0x20)).toBe(0x40);
    io.write8(0x20, 0x20);
    pic.pulseIrq(3);
    io.write8(0x20, 0x0c); // poll
    expect(io.read8(0x20)).toBe(0x83);
    expect(pic.isr).toBe(0x08);
  });

  it("does not set ISR in auto-EOI mode", () => {
    const { pic } = setup(0x03);
    pic.pulseIrq(0);
    expect(pic.acknowledge()).toBe(0x20);
    expect(pic.isr).toBe(0);
  });

  it("rotates priorities on rotate-on-EOI and set-priority commands", () => {
    const { io, pic } = setup();
    pic.pulseIrq(0);
    pic.acknowledge();
    io.write8(0x20, 0xa0); // rotate on non-specific EOI: IR0 becomes lowest
    pic.pulseIrq(0);
    pic.pulseIrq(5);
    expect(pic.acknowledge()).toBe(0x25);
    io.write8(0x20, 0x20);
    io.write8(0x20, 0xc4); // set priority: IR4 lowest, so IR5 highest
    pic.pulseIrq(3);
    expect(pic.acknowledge()).toBe(0x20); // IR0 outranks IR3 (order 5,6,7,0,1,2,3,4)
  });

  it("honours special mask mode", () => {
    const { io, pic } = setup();
    pic.pulseIrq(1);
    pic.acknowledge();
    pic.pulseIrq(5);
    expect(pic.hasInterrupt()).toBe(false);
    io.write8(0x21, 0x02); // mask the in-service IR1
    io.write8(0x20, 0x68); // set special mask mode
    expect(pic.acknowledge()).toBe(0x25);
  });

  it("edge-triggers: a held line requests once, a new edge requests again", () => {
    const { io, pic } = setup();
    pic.setIrq(4, true);
    expect(pic.acknowledge()).toBe(0x24);
    io.write8(0x20, 0x20);
    expect(pic.hasInterrupt()).toBe(false);
    pic.setIrq(4, false);
    pic.setIrq(4, true);
    expect(pic.hasInterrupt()).toBe(true);
  });

  it("needs a fresh edge after ICW1 on a line that was already high", () => {
    const io = new IoBus();
    const pic = new PicPair();
    pic.attach(io);
    pic.setIrq(0, true);
    initPic(io);
    expect(pic.hasInterrupt()).toBe(false);
    pic.setIrq(0, false);
    pic.setIrq(0, true);
    expect(pic.acknowledge()).toBe(0x20);
  });

  it("rejects IRQ numbers outside 0..15", () => {
    const pic = new PicPair();
    expect(() => pic.setIrq(16, true)).toThrow(RangeError);
  });
});
