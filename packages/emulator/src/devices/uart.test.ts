import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { COM1, Uart } from "./uart.js";
import { IrqRecorder } from "./__tests__/doubles.js";

function setup() {
  const io = new IoBus();
  const irq = new IrqRecorder();
  const uart = new Uart(COM1.port, COM1.irq, irq);
  uart.attach(io);
  const sent: number[] = [];
  uart.onTransmit = (b) => sent.push(b);
  return { io, irq, uart, sent };
}
const P = COM1.port;

describe("Uart", () => {
  it("transmits THR bytes at once and always reports THR empty", () => {
    const { io, sent } = setup();
    for (const c of "hi") io.write8(P, c.charCodeAt(0));
    expect(String.fromCharCode(...sent)).toBe("hi");
    expect(io.read8(P + 5) & 0x60).toBe(0x60);
  });

  it("programs the divisor latch through DLAB without touching THR or IER", () => {
    const { io, uart, sent } = setup();
    io.write8(P + 3, 0x80);
    io.write8(P, 0x01);
    io.write8(P + 1, 0x00);
    io.write8(P + 3, 0x03);
    expect(uart.divisorLatch).toBe(1);
    expect(sent).toEqual([]);
    expect(io.read8(P + 1)).toBe(0);
    expect(io.read8(P + 3)).toBe(0x03);
  });

  it("receives into RBR with data ready and raises IRQ 4 when enabled", () => {
    const { io, irq, uart } = setup();
    io.write8(P + 1, 0x01);
    uart.receive([0x41]);
    expect(irq.levels[4]).toBe(true);
    expect(io.read8(P + 2) & 0x0f).toBe(0x04);
    expect(io.read8(P + 5) & 0x01).toBe(0x01);
    expect(io.read8(P)).toBe(0x41);
    expect(irq.levels[4]).toBe(false);
    expect(io.read8(P + 5) & 0x01).toBe(0);
    expect(io.read8(P + 2) & 0x0f).toBe(0x01);
  });

  it("signals readiness for input on RTS and when the last received byte is read", () => {
    const { io, uart } = setup();
    let ready = 0;
    uart.onReadyForInput = () => ready++;
    expect(uart.clearToSend).toBe(false);
    io.write8(P + 4, 0x0b);
    expect(uart.clearToSend).toBe(true);
    expect(ready).toBe(1);
    uart.receive([1]);
    io.read8(P);
    expect(ready).toBe(2);
  });

  it("sets overrun when the one-byte buffer overflows, and clears it on LSR read", () => {
    const { io, uart } = setup();
    uart.receive([1, 2]);
    expect(io.read8(P + 5) & 0x02).toBe(0x02);
    expect(io.read8(P + 5) & 0x02).toBe(0);
    expect(io.read8(P)).toBe(1);
  });

  it("buffers 16 bytes with the FIFO on and reports trigger level and timeout", () => {
    const { io, uart } = setup();
    io.write8(P + 2, 0x81); // FIFO on, trigger level 8
    expect(io.read8(P + 2) & 0xc0).toBe(0xc0);
    io.write8(P + 1, 0x01);
    uart.receive([1, 2, 3]);
    expect(io.read8(P + 2) & 0x0f).toBe(0x0c); // below trigger: character timeout
    uart.receive([4, 5, 6, 7, 8]);
    expect(io.read8(P + 2) & 0x0f).toBe(0x04);
    uart.receive(Array.from({ length: 10 }, (_, i) => 9 + i));
    const got: number[] = [];
    while (io.read8(P + 5) & 1) got.push(io.read8(P));
    expect(got).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(uart.receiveSpace).toBe(16);
    uart.receive([1, 2]);
    io.write8(P + 2, 0x03); // clear the receive FIFO
    expect(io.read8(P + 5) & 1).toBe(0);
  });

  it("raises a THR-empty interrupt when enabled and acknowledges it on IIR read", () => {
    const { io, irq } = setup();
    io.write8(P + 1, 0x02);
    expect(irq.levels[4]).toBe(true);
    expect(io.read8(P + 2) & 0x0f).toBe(0x02);
    expect(irq.levels[4]).toBe(false);
    io.write8(P, 0x41);
    expect(irq.levels[4]).toBe(true);
    io.write8(P + 1, 0x00);
    expect(irq.levels[4]).toBe(false);
  });

  it("loops transmitted bytes back in loopback mode and mirrors MCR into MSR", () => {
    const { io, sent } = setup();
    io.write8(P + 4, 0x1b); // loopback, OUT2, RTS, DTR
    io.write8(P, 0x5a);
    expect(sent).toEqual([]);
    expect(io.read8(P)).toBe(0x5a);
    expect(io.read8(P + 6) & 0xf0).toBe(0xb0);
  });

  it("keeps a scratch register and reports line errors first", () => {
    const { io, uart } = setup();
    io.write8(P + 7, 0x99);
    expect(io.read8(P + 7)).toBe(0x99);
    io.write8(P + 1, 0x05);
    uart.receive([1, 2]);
    expect(io.read8(P + 2) & 0x0f).toBe(0x06);
    uart.reset();
    expect(io.read8(P + 5) & 0x03).toBe(0);
  });
});
