/**
 * The PC's two cascaded 8259A programmable interrupt controllers: the master at ports
 * 0x20/0x21 (IRQ 0–7) and the slave at 0xA0/0xA1 (IRQ 8–15) wired to the master's IR2.
 *
 * Modelled: the ICW1–ICW4 initialisation sequence, the mask register (OCW1), specific
 * and non-specific EOI and priority rotation (OCW2), IRR/ISR reads and poll mode and
 * special mask mode (OCW3), auto-EOI, edge- and level-triggered inputs, and spurious
 * interrupts: when the request that raised INTR is gone by the INTA cycle, the master
 * answers with IRQ 7 and the slave with IRQ 15 without setting an ISR bit.
 */
import type { InterruptLine } from "../cpu/interrupt-line.js";
import type { IoBus } from "../io/io-bus.js";

/** Where a device drives its interrupt request line (the PIC pair, or a test double). */
export interface IrqSink {
  /** Sets the level of input `irq` (0–15): `true` is asserted. */
  setIrq(irq: number, level: boolean): void;
}

/** One 8259A. */
class Pic8259 {
  irr = 0;
  isr = 0;
  imr = 0;
  /** Input levels, to detect rising edges. */
  lines = 0;
  vectorBase = 0;
  /** The lowest-priority IR (priority runs from `lowest + 1` round to `lowest`). */
  lowest = 7;
  autoEoi = false;
  rotateOnAutoEoi = false;
  levelTriggered = false;
  specialMask = false;
  readIsr = false;
  poll = false;
  /** Which initialisation word comes next on the data port: 0 when initialised. */
  initStep = 0;
  needIcw4 = false;
  single = false;

  reset(): void {
    this.irr = this.isr = this.imr = this.lines = 0;
    this.vectorBase = 0;
    this.lowest = 7;
    this.autoEoi = this.rotateOnAutoEoi = this.levelTriggered = false;
    this.specialMask = this.readIsr = this.poll = false;
    this.initStep = 0;
    this.needIcw4 = this.single = false;
  }

  setLine(ir: number, level: boolean): void {
    const bit = 1 << ir;
    if (level) {
      if (this.levelTriggered || (this.lines & bit) === 0) this.irr |= bit;
      this.lines |= bit;
    } else {
      this.lines &= ~bit;
      if (this.levelTriggered) this.irr &= ~bit;
    }
  }

  /** The highest-priority IR set in `bits`, or -1. */
  private highest(bits: number): number {
    if (bits === 0) return -1;
    for (let i = 1; i <= 8; i++) {
      const ir = (this.lowest + i) & 7;
      if (bits & (1 << ir)) return ir;
    }
    return -1;
  }

  /** The IR this chip would present on INTR now, or -1. */
  pending(): number {
    const ir = this.highest(this.irr & ~this.imr);
    if (ir < 0) return -1;
    // Special mask mode lets any unmasked request through regardless of ISR; otherwise a
    // request must outrank every interrupt in service.
    const inService = this.specialMask ? this.isr & ~this.imr : this.isr;
    const current = this.highest(inService);
    if (current < 0) return ir;
    return this.priorityOf(ir) < this.priorityOf(current) ? ir : -1;
  }

  private priorityOf(ir: number): number {
    return (ir - this.lowest - 1) & 7;
  }

  /** The INTA cycle for a request at `ir` (from {@link pending}). */
  acknowledge(ir: number): void {
    const bit = 1 << ir;
    if (!this.levelTriggered) this.irr &= ~bit;
    if (this.autoEoi) {
      if (this.rotateOnAutoEoi) this.lowest = ir;
    } else {
      this.isr |= bit;
    }
  }

  writeCommand(value: number): void {
    if (value & 0x10) {
      // ICW1 starts initialisation: clears the mask and the in-service state.
      this.needIcw4 = (value & 0x01) !== 0;
      this.single = (value & 0x02) !== 0;
      this.levelTriggered = (value & 0x08) !== 0;
      // The edge detector restarts too: a line already high must go low and high again
      // to request (so `lines` keeps the current input levels).
      this.imr = this.isr = this.irr = 0;
      this.lowest = 7;
      this.autoEoi = this.specialMask = this.readIsr = this.poll = false;
      this.initStep = 2;
      return;
    }
    if (value & 0x08) {
      // OCW3
      if (value & 0x04) this.poll = true;
      if (value & 0x02) this.readIsr = (value & 0x01) !== 0;
      if (value & 0x40) this.specialMask = (value & 0x20) !== 0;
      return;
    }
    // OCW2: R SL EOI in bits 7..5, level in 2..0.
    const op = value >> 5;
    const level = value & 7;
    switch (op) {
      case 1: // non-specific EOI
      case 5: {
        // rotate on non-specific EOI
        const ir = this.highest(this.isr);
        if (ir >= 0) {
          this.isr &= ~(1 << ir);
          if (op === 5) this.lowest = ir;
        }
        break;
      }
      case 3: // specific EOI
        this.isr &= ~(1 << level);
        break;
      case 7: // rotate on specific EOI
        this.isr &= ~(1 << level);
        this.lowest = level;
        break;
      case 4:
        this.rotateOnAutoEoi = true;
        break;
      case 0:
        this.rotateOnAutoEoi = false;
        break;
      case 6: // set priority
        this.lowest = level;
        break;
      default: // 2: no operation
        break;
    }
  }

  writeData(value: number): void {
    switch (this.initStep) {
      case 2:
        this.vectorBase = value & 0xf8;
        this.initStep = this.single ? (this.needIcw4 ? 4 : 0) : 3;
        return;
      case 3: // ICW3: the cascade wiring, fixed on a PC.
        this.initStep = this.needIcw4 ? 4 : 0;
        return;
      case 4:
        this.autoEoi = (value & 0x02) !== 0;
        this.initStep = 0;
        return;
      default:
        this.imr = value & 0xff;
    }
  }
}

/**
 * The master/slave 8259A pair as the CPU and the devices see it.
 *
 * Devices call {@link PicPair.setIrq}; the CPU polls {@link PicPair.hasInterrupt} and
 * runs the INTA cycle with {@link PicPair.acknowledge}.
 *
 * @example
 * ```ts
 * const pic = new PicPair();
 * pic.attach(io);
 * cpu.interruptLine = pic;
 * pic.setIrq(1, true); // the keyboard asserts IRQ 1
 * ```
 */
export class PicPair implements InterruptLine, IrqSink {
  private readonly master = new Pic8259();
  private readonly slave = new Pic8259();

  constructor() {
    this.reset();
  }

  /** Decodes ports 0x20/0x21 and 0xA0/0xA1. */
  attach(io: IoBus): void {
    io.register(0x20, 2, this.portsOf(this.master));
    io.register(0xa0, 2, this.portsOf(this.slave));
  }

  /** Power-on state: uninitialised, vectors 0x08 and 0x70 as the BIOS leaves them, all unmasked. */
  reset(): void {
    this.master.reset();
    this.slave.reset();
    this.master.vectorBase = 0x08;
    this.slave.vectorBase = 0x70;
  }

  setIrq(irq: number, level: boolean): void {
    if (!Number.isInteger(irq) || irq < 0 || irq > 15) {
      throw new RangeError(`IRQ ${irq} is not 0..15`);
    }
    if (irq < 8) this.master.setLine(irq, level);
    else this.slave.setLine(irq - 8, level);
    this.cascade();
  }

  /** Asserts then releases `irq`: one edge, as an ISA device's interrupt pulse. */
  pulseIrq(irq: number): void {
    this.setIrq(irq, true);
    this.setIrq(irq, false);
  }

  hasInterrupt(): boolean {
    return this.master.pending() >= 0;
  }

  acknowledge(): number {
    const ir = this.master.pending();
    if (ir < 0) return this.master.vectorBase + 7; // spurious IRQ 7
    this.master.acknowledge(ir);
    if (ir !== 2) {
      this.cascade();
      return this.master.vectorBase + ir;
    }
    const sir = this.slave.pending();
    let vector: number;
    if (sir < 0) {
      vector = this.slave.vectorBase + 7; // spurious IRQ 15
    } else {
      this.slave.acknowledge(sir);
      vector = this.slave.vectorBase + sir;
    }
    this.cascade();
    return vector;
  }

  /** The interrupt-request register of both chips as a 16-bit mask (IRQ 0 in bit 0). */
  get irr(): number {
    return this.master.irr | (this.slave.irr << 8);
  }

  /** The in-service register of both chips as a 16-bit mask. */
  get isr(): number {
    return this.master.isr | (this.slave.isr << 8);
  }

  /** The mask register of both chips as a 16-bit mask. */
  get imr(): number {
    return this.master.imr | (this.slave.imr << 8);
  }

  /** The vector bases (ICW2) of the master and the slave. */
  get vectorBases(): readonly [number, number] {
    return [this.master.vectorBase, this.slave.vectorBase];
  }

  /** The slave's INTR output drives the master's IR2. */
  private cascade(): void {
    this.master.setLine(2, this.slave.pending() >= 0);
  }

  private portsOf(chip: Pic8259) {
    return {
      read: (port: number): number => {
        if ((port & 1) === 1) return chip.imr;
        if (chip.poll) {
          chip.poll = false;
          const ir = chip.pending();
          if (ir < 0) return 0;
          chip.acknowledge(ir);
          this.cascade();
          return 0x80 | ir;
        }
        return chip.readIsr ? chip.isr : chip.irr;
      },
      write: (port: number, _size: 1 | 2 | 4, value: number): void => {
        if ((port & 1) === 1) chip.writeData(value & 0xff);
        else chip.writeCommand(value & 0xff);
        this.cascade();
      },
    };
  }
}
