/**
 * `Serial`: the COM1 16550 UART driver: 8N1 at a chosen baud rate, line output (as an
 * output device and optionally as a kernel-log sink) and interrupt-driven input.
 */
import type { Component, ComponentContext, OutputDevice } from "@native-kit/system";
import { formatLogEntry, ServiceKey } from "@native-kit/system";
import { IrqsKey } from "../platform.js";
import { PortIo } from "../port-io.js";
import type { X86Machine } from "../x86-machine.js";

/** COM1's base port and IRQ. */
export const COM1_PORT = 0x3f8;
const COM1_IRQ = 4;
const THR = 0; // transmit holding / receive buffer
const IER = 1;
const FCR = 2;
const LCR = 3;
const MCR = 4;
const LSR = 5;
const LSR_DATA_READY = 0x01;
const LSR_THR_EMPTY = 0x20;
const UART_CLOCK = 115200;
/** How long to wait for the transmitter before dropping a byte (a UART with no cable). */
const TX_SPIN = 10_000;

/** The serial service: the driver itself. */
export const SerialKey: ServiceKey<Serial> = new ServiceKey<Serial>("arch-x86.serial");

/** Options of {@link Serial}. */
export interface SerialOptions {
  /** Baud rate (a divisor of 115200). Default 115200. */
  baud?: number;
  /** Also send every kernel-log entry to the port. Default false. */
  log?: boolean;
}

/**
 * COM1, as a component and an output device.
 *
 * @example
 * ```ts
 * const serial = system.install(new Serial({ log: true }));
 * system.boot();
 * serial.write("hello over the wire\n");
 * serial.onData((text) => video.write(text));
 * ```
 */
export class Serial implements Component<X86Machine>, OutputDevice {
  readonly name = "serial";
  readonly provides = [SerialKey];
  readonly needs = [IrqsKey];
  /** Bytes dropped because the transmitter never became ready. */
  dropped = 0;
  private ports: PortIo | null = null;
  private readonly divisor: number;
  private readonly logToPort: boolean;
  private readonly listeners: ((text: string) => void)[] = [];
  private readonly received: number[] = [];
  private cleanup: (() => void)[] = [];

  /** @throws when `baud` does not divide 115200. */
  constructor(options: SerialOptions = {}) {
    const baud = options.baud ?? 115200;
    const divisor = UART_CLOCK / baud;
    if (!Number.isInteger(divisor) || divisor < 1 || divisor > 0xffff) {
      throw new RangeError(`baud rate must divide ${UART_CLOCK}, got ${baud}`);
    }
    this.divisor = divisor;
    this.logToPort = options.log ?? false;
  }

  /** Programs the UART and claims IRQ 4 for received data. */
  init(ctx: ComponentContext<X86Machine>): void {
    const p = new PortIo(ctx.machine.io);
    this.ports = p;
    p.outb(COM1_PORT + IER, 0x00);
    p.outb(COM1_PORT + LCR, 0x80); // DLAB: the next two registers are the divisor
    p.outb(COM1_PORT + 0, this.divisor & 0xff);
    p.outb(COM1_PORT + 1, this.divisor >>> 8);
    p.outb(COM1_PORT + LCR, 0x03); // 8 data bits, no parity, 1 stop bit
    p.outb(COM1_PORT + FCR, 0xc7); // FIFOs on and cleared, 14-byte trigger
    p.outb(COM1_PORT + MCR, 0x0b); // DTR, RTS, OUT2 (OUT2 gates the IRQ on a PC)
    this.cleanup.push(ctx.get(IrqsKey).on(COM1_IRQ, () => this.receive()));
    p.outb(COM1_PORT + IER, 0x01); // interrupt on received data
    if (this.logToPort) {
      this.cleanup.push(ctx.kernelLog.addSink((entry) => this.write(formatLogEntry(entry))));
    }
    ctx.provide(SerialKey, this);
  }

  /** Releases IRQ 4 and the log sink. */
  shutdown(): void {
    this.ports?.outb(COM1_PORT + IER, 0);
    for (const undo of this.cleanup) undo();
    this.cleanup = [];
    this.ports = null;
  }

  /** Sends `text` as UTF-8, `\n` as CR LF (what a terminal on the other end expects). */
  write(text: string): void {
    const p = this.ports;
    if (!p) throw new Error("serial is not initialised: install it and boot the system");
    for (const byte of new TextEncoder().encode(text.replace(/\r?\n/g, "\r\n"))) {
      let spin = 0;
      while ((p.inb(COM1_PORT + LSR) & LSR_THR_EMPTY) === 0 && spin < TX_SPIN) spin++;
      if (spin === TX_SPIN) {
        this.dropped++;
        continue;
      }
      p.outb(COM1_PORT + THR, byte);
    }
  }

  /** Adds a listener for received text; returns a function that removes it. */
  onData(listener: (text: string) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Takes the bytes received and not yet read. */
  read(): Uint8Array {
    return Uint8Array.from(this.received.splice(0));
  }

  /**
   * Takes one received line, without its terminator (`\n`, `\r` or `\r\n`), or returns
   * `null` while no complete line has arrived. Bytes are decoded as UTF-8.
   */
  readLine(): string | null {
    const end = this.received.findIndex((b) => b === 0x0a || b === 0x0d);
    if (end < 0) return null;
    const line = this.received.splice(0, end);
    const terminator = this.received.shift();
    if (terminator === 0x0d && this.received[0] === 0x0a) this.received.shift();
    return new TextDecoder().decode(Uint8Array.from(line));
  }

  /** Drains the receiver (called on IRQ 4). */
  receive(): void {
    const p = this.ports;
    if (!p) return;
    const bytes: number[] = [];
    for (let i = 0; i < 256 && (p.inb(COM1_PORT + LSR) & LSR_DATA_READY) !== 0; i++) {
      bytes.push(p.inb(COM1_PORT + THR));
    }
    if (bytes.length === 0) return;
    this.received.push(...bytes);
    const text = new TextDecoder().decode(Uint8Array.from(bytes));
    for (const listener of [...this.listeners]) listener(text);
  }
}
