/**
 * A 16550A UART as on the PC's COM1 (0x3F8, IRQ 4) and COM2 (0x2F8, IRQ 3).
 *
 * Transmission is instantaneous: a byte written to THR goes straight to
 * {@link Uart.onTransmit} and THR is empty again at once. Modelled: the divisor latch
 * (DLAB), IER with its four interrupt sources, IIR priorities and the FIFO-enabled bits,
 * FCR with 16-byte receive FIFO, clear bits and trigger level, LCR, MCR with loopback,
 * LSR (data ready, overrun, THR empty, transmitter empty), MSR and the scratch register.
 * Simplification: the character-timeout interrupt is raised as soon as the receive FIFO
 * holds data below the trigger level, instead of after four character times.
 */
import type { IoBus } from "../io/io-bus.js";
import type { IrqSink } from "./pic.js";

/** Standard base ports and IRQs of the PC's first two serial ports. */
export const COM1 = { port: 0x3f8, irq: 4 } as const;
/** COM2's base port and IRQ. */
export const COM2 = { port: 0x2f8, irq: 3 } as const;

const LSR_DR = 0x01;
const LSR_OE = 0x02;
const LSR_THRE = 0x20;
const LSR_TEMT = 0x40;

const IER_RDA = 0x01;
const IER_THRE = 0x02;
const IER_RLS = 0x04;
const IER_MS = 0x08;

const TRIGGER_LEVELS = [1, 4, 8, 14] as const;

/**
 * One 16550A.
 *
 * @example
 * ```ts
 * const com1 = new Uart(COM1.port, COM1.irq, pic);
 * com1.attach(io);
 * com1.onTransmit = (byte) => process.stdout.write(String.fromCharCode(byte));
 * com1.receive(new TextEncoder().encode("ls\n")); // host typing into the guest
 * ```
 */
export class Uart {
  /** Called with each byte the guest transmits (not in loopback mode). */
  onTransmit: ((byte: number) => void) | null = null;
  /**
   * Called when the guest becomes ready for more input: it read the last received byte,
   * or it raised RTS. A host with input queued passes the next bytes then.
   */
  onReadyForInput: (() => void) | null = null;

  private rx: number[] = [];
  private ier = 0;
  private lcr = 0;
  private mcr = 0;
  private lsrErrors = 0;
  private scratch = 0;
  private divisor = 12;
  private fifoEnabled = false;
  private trigger = 1;
  /** A THR-empty interrupt is owed (set when THR empties, cleared by IIR read or THR write). */
  private threPending = false;
  private msrDelta = 0;
  private irqLevel = false;

  /**
   * @param base first of the eight ports (0x3F8 for COM1).
   * @param irq the IRQ line it drives.
   * @param pic where the IRQ goes.
   */
  constructor(
    readonly base: number,
    readonly irq: number,
    private readonly pic: IrqSink,
  ) {}

  /** Decodes ports `base`..`base + 7`. */
  attach(io: IoBus): void {
    io.register(this.base, 8, {
      read: (port) => this.read(port - this.base),
      write: (port, _size, value) => this.write(port - this.base, value & 0xff),
    });
  }

  /** Power-on state: FIFO off, interrupts off, 9600 baud divisor, nothing received. */
  reset(): void {
    this.rx = [];
    this.ier = this.lcr = this.mcr = this.lsrErrors = this.scratch = this.msrDelta = 0;
    this.divisor = 12;
    this.fifoEnabled = false;
    this.trigger = 1;
    this.threPending = false;
    this.updateIrq();
  }

  /**
   * Bytes arriving on the serial line from the host. Bytes beyond the receive buffer's
   * capacity (16 with the FIFO on, 1 without) are lost and set the overrun flag.
   */
  receive(bytes: Iterable<number>): void {
    for (const b of bytes) {
      if (this.rx.length >= this.capacity()) {
        this.lsrErrors |= LSR_OE;
      } else {
        this.rx.push(b & 0xff);
      }
    }
    this.updateIrq();
  }

  /** Free space in the receive buffer, for hosts that pace their input. */
  get receiveSpace(): number {
    return this.capacity() - this.rx.length;
  }

  /**
   * True while the guest asserts RTS (MCR bit 1): hardware flow control says the host may
   * send. Hosts that honour it lose nothing to a guest that resets its FIFO while it
   * initialises the port, because drivers raise RTS last.
   */
  get clearToSend(): boolean {
    return (this.mcr & 0x02) !== 0 && !this.loopback();
  }

  /** The programmed divisor latch (115200 / divisor is the baud rate). */
  get divisorLatch(): number {
    return this.divisor;
  }

  private capacity(): number {
    return this.fifoEnabled ? 16 : 1;
  }

  private dlab(): boolean {
    return (this.lcr & 0x80) !== 0;
  }

  private loopback(): boolean {
    return (this.mcr & 0x10) !== 0;
  }

  private lsr(): number {
    return (this.rx.length > 0 ? LSR_DR : 0) | this.lsrErrors | LSR_THRE | LSR_TEMT;
  }

  private msr(): number {
    if (this.loopback()) {
      // Loopback wires DTR→DSR, RTS→CTS, OUT1→RI, OUT2→DCD.
      const m = this.mcr;
      return ((m & 1) << 5) | ((m & 2) << 3) | ((m & 4) << 4) | ((m & 8) << 4) | this.msrDelta;
    }
    return 0xb0 | this.msrDelta; // DCD, DSR and CTS asserted: a null-modem host is listening
  }

  /** The highest-priority interrupt identification (IIR bits 3..0): 1 means none. */
  private interruptId(): number {
    if (this.ier & IER_RLS && this.lsrErrors) return 0x06;
    if (this.ier & IER_RDA && this.rx.length > 0) {
      return this.fifoEnabled && this.rx.length < this.trigger ? 0x0c : 0x04;
    }
    if (this.ier & IER_THRE && this.threPending) return 0x02;
    if (this.ier & IER_MS && this.msrDelta) return 0x00;
    return 0x01;
  }

  private updateIrq(): void {
    const level = this.interruptId() !== 0x01;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.pic.setIrq(this.irq, level);
    }
  }

  private read(reg: number): number {
    let value: number;
    switch (reg) {
      case 0:
        if (this.dlab()) return this.divisor & 0xff;
        value = this.rx.shift() ?? 0;
        if (this.rx.length === 0) this.onReadyForInput?.();
        break;
      case 1:
        return this.dlab() ? this.divisor >> 8 : this.ier;
      case 2: {
        const id = this.interruptId();
        // Reading IIR while it reports THR empty acknowledges that source.
        if (id === 0x02) this.threPending = false;
        value = id | (this.fifoEnabled ? 0xc0 : 0);
        break;
      }
      case 3:
        return this.lcr;
      case 4:
        return this.mcr;
      case 5:
        value = this.lsr();
        this.lsrErrors = 0; // reading LSR clears the error bits
        break;
      case 6:
        value = this.msr();
        this.msrDelta = 0;
        break;
      default:
        return this.scratch;
    }
    this.updateIrq();
    return value;
  }

  private write(reg: number, value: number): void {
    switch (reg) {
      case 0:
        if (this.dlab()) {
          this.divisor = (this.divisor & 0xff00) | value;
          return;
        }
        if (this.loopback()) this.receive([value]);
        else this.onTransmit?.(value);
        // The byte left at once: THR is empty again and owes an interrupt.
        this.threPending = true;
        break;
      case 1:
        if (this.dlab()) {
          this.divisor = (this.divisor & 0xff) | (value << 8);
          return;
        }
        // Enabling the THRE interrupt while THR is empty raises it at once (as a 16550A does).
        if (value & IER_THRE && !(this.ier & IER_THRE)) this.threPending = true;
        this.ier = value & 0x0f;
        break;
      case 2:
        this.fifoEnabled = (value & 0x01) !== 0;
        if (!this.fifoEnabled || value & 0x02) this.rx = [];
        this.trigger = TRIGGER_LEVELS[value >> 6]!;
        break;
      case 3:
        this.lcr = value;
        return;
      case 4: {
        const before = this.msr() & 0xf0;
        this.mcr = value & 0x1f;
        const after = this.msr() & 0xf0;
        if (this.loopback() && before !== after) this.msrDelta |= 0x01;
        if (this.clearToSend) this.onReadyForInput?.();
        break;
      }
      case 5:
      case 6:
        return; // LSR and MSR are read-only
      default:
        this.scratch = value;
        return;
    }
    this.updateIrq();
  }
}
