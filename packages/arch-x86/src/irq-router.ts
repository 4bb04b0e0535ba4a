/**
 * IRQ routing through the 8259A pair: remapped to vectors 0x20–0x2F (clear of the CPU
 * exceptions), masked until a driver claims a line, end-of-interrupt after each handler.
 */
import type { Interrupts, TrapHandler } from "./interrupts.js";
import type { PortIo } from "./port-io.js";

/** The vector IRQ 0 arrives on; IRQ n arrives on `IRQ_BASE + n`. */
export const IRQ_BASE = 0x20;

const MASTER_CMD = 0x20;
const MASTER_DATA = 0x21;
const SLAVE_CMD = 0xa0;
const SLAVE_DATA = 0xa1;
const EOI = 0x20;
/** OCW3: the next command-port read returns the in-service register. */
const READ_ISR = 0x0b;
/** The master input the slave is wired to. */
const CASCADE_IRQ = 2;

/**
 * The kernel's view of hardware interrupt lines.
 *
 * @example
 * ```ts
 * irqs.on(0, () => ticks++); // the PIT; EOI is sent after the handler returns
 * ```
 */
export class IrqRouter {
  private readonly handlers: (TrapHandler | undefined)[] = new Array<TrapHandler | undefined>(16);
  private mask = 0xffff & ~(1 << CASCADE_IRQ);
  /** Interrupts the PICs reported that were not real (IRQ 7/15 with no in-service bit). */
  spurious = 0;

  /** Wires vectors 0x20–0x2F of `interrupts` to this router. */
  constructor(
    private readonly interrupts: Interrupts,
    private readonly ports: PortIo,
  ) {}

  /** Programs both PICs (ICW1–ICW4) for vectors 0x20–0x2F, all lines masked but the cascade. */
  init(): void {
    const p = this.ports;
    p.outb(MASTER_CMD, 0x11); // ICW1: edge triggered, cascade, ICW4 follows
    p.outb(SLAVE_CMD, 0x11);
    p.outb(MASTER_DATA, IRQ_BASE); // ICW2: vector base
    p.outb(SLAVE_DATA, IRQ_BASE + 8);
    p.outb(MASTER_DATA, 1 << CASCADE_IRQ); // ICW3: slave on IR2
    p.outb(SLAVE_DATA, CASCADE_IRQ);
    p.outb(MASTER_DATA, 0x01); // ICW4: 8086 mode, normal EOI
    p.outb(SLAVE_DATA, 0x01);
    this.writeMask();
    for (let irq = 0; irq < 16; irq++) {
      this.interrupts.on(IRQ_BASE + irq, (frame) => this.service(irq, frame));
    }
  }

  /**
   * Makes `handler` service `irq` (0–15) and unmasks the line; returns a function that
   * masks it again and removes the handler.
   *
   * @throws when the line already has a handler.
   */
  on(irq: number, handler: TrapHandler): () => void {
    if (!Number.isInteger(irq) || irq < 0 || irq > 15) {
      throw new RangeError(`IRQ must be 0..15, got ${irq}`);
    }
    if (this.handlers[irq]) throw new Error(`IRQ ${irq} already has a handler`);
    this.handlers[irq] = handler;
    this.unmaskLine(irq);
    return () => {
      if (this.handlers[irq] !== handler) return;
      this.handlers[irq] = undefined;
      this.maskLine(irq);
    };
  }

  /** Masks `irq` at the PIC. */
  maskLine(irq: number): void {
    this.mask |= 1 << irq;
    this.writeMask();
  }

  /** Unmasks `irq` at the PIC (and the cascade for slave lines). */
  unmaskLine(irq: number): void {
    this.mask &= ~(1 << irq);
    if (irq >= 8) this.mask &= ~(1 << CASCADE_IRQ);
    this.writeMask();
  }

  /** The current mask: bit n set means IRQ n is masked. */
  get masked(): number {
    return this.mask;
  }

  private writeMask(): void {
    this.ports.outb(MASTER_DATA, this.mask & 0xff);
    this.ports.outb(SLAVE_DATA, this.mask >>> 8);
  }

  private inService(cmdPort: number): number {
    this.ports.outb(cmdPort, READ_ISR);
    return this.ports.inb(cmdPort);
  }

  private service(irq: number, frame: Parameters<TrapHandler>[0]): void {
    // IRQ 7 and 15 are also what a PIC answers when the request vanished before INTA.
    if (irq === 7 && (this.inService(MASTER_CMD) & 0x80) === 0) {
      this.spurious++;
      return;
    }
    if (irq === 15 && (this.inService(SLAVE_CMD) & 0x80) === 0) {
      this.spurious++;
      this.ports.outb(MASTER_CMD, EOI); // the master did see a real cascade request
      return;
    }
    try {
      this.handlers[irq]?.(frame);
    } finally {
      if (irq >= 8) this.ports.outb(SLAVE_CMD, EOI);
      this.ports.outb(MASTER_CMD, EOI);
    }
  }
}
