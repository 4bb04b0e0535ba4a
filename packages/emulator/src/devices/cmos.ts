/**
 * The MC146818-compatible CMOS RAM and real-time clock at ports 0x70 (index; bit 7 is
 * the NMI mask) and 0x71 (data).
 *
 * The time is `startTime` plus the machine's {@link Clock}, so under a virtual clock the
 * guest sees the same date at the same instruction every run. Modelled: the time and date
 * registers (BCD or binary per register B bit 2, 24-hour or 12-hour per bit 1), the
 * century byte 0x32, guest writes to the time (they shift the clock's offset), register
 * A's update-in-progress bit (set for the last 244 µs of each second), register D's
 * valid-RAM bit, the BIOS memory-size bytes (0x15–0x18, 0x30/0x31, 0x34/0x35), and the
 * periodic (register A rate, B bit 6) and update-ended (B bit 4) interrupts on IRQ 8 with
 * their flags in register C (read to acknowledge). Not modelled: the alarm interrupt, and
 * the periodic flag while the periodic interrupt is disabled.
 */
import type { Clock } from "../clock/clock.js";
import type { IoBus } from "../io/io-bus.js";
import type { IrqSink } from "./pic.js";

const REG_A = 0x0a;
const REG_B = 0x0b;
const REG_C = 0x0c;
const REG_D = 0x0d;
const CENTURY = 0x32;
const B_BINARY = 0x04;
const B_24H = 0x02;
const B_UIE = 0x10;
const B_PIE = 0x40;
const C_IRQF = 0x80;
const C_PF = 0x40;
const C_UF = 0x10;
/** The RTC's IRQ line (on the slave PIC). */
const RTC_IRQ = 8;

/** What the CMOS needs to know about the machine. */
export interface CmosOptions {
  /** RAM size in bytes, reported in the BIOS memory-size bytes. */
  memorySize: number;
  /** The wall-clock time at power-on, in milliseconds since the Unix epoch (UTC). */
  startTime: number;
}

const toBcd = (v: number): number => ((Math.floor(v / 10) << 4) | (v % 10)) & 0xff;
const fromBcd = (v: number): number => (v >> 4) * 10 + (v & 0x0f);

/**
 * CMOS RAM and RTC.
 *
 * @example
 * ```ts
 * const cmos = new Cmos(clock, { memorySize: 32 << 20, startTime: Date.UTC(2026, 0, 1) });
 * cmos.attach(io);
 * cmos.now(); // Date of the guest's RTC
 * ```
 */
export class Cmos {
  private readonly ram = new Uint8Array(128);
  private index = 0;
  /** Milliseconds added to `startTime` by guest writes to the time registers. */
  private offsetMs = 0;
  /** True while the NMI mask bit (port 0x70 bit 7) is set. */
  nmiMasked = false;
  /** Register C's pending interrupt flags. */
  private flags = 0;
  private nextPeriodicNs = Infinity;
  private nextUpdateNs = Infinity;

  /**
   * @param clock the machine's time source.
   * @param options memory size and power-on date.
   * @param irq where IRQ 8 goes (none: the interrupts only set register C's flags).
   */
  constructor(
    private readonly clock: Clock,
    private readonly options: CmosOptions,
    private readonly irq: IrqSink | null = null,
  ) {
    this.reset();
  }

  /** Time of the next periodic or update-ended event in nanoseconds, or `Infinity`. */
  nextEventNs(): number {
    return Math.min(this.nextPeriodicNs, this.nextUpdateNs);
  }

  /** Sets the flags of the events that are due and raises IRQ 8 for the enabled ones. */
  update(): void {
    const now = this.clock.nowNs();
    if (now >= this.nextPeriodicNs) {
      const period = this.periodNs();
      this.flags |= C_PF;
      this.nextPeriodicNs += period * (Math.floor((now - this.nextPeriodicNs) / period) + 1);
    }
    if (now >= this.nextUpdateNs) {
      this.flags |= C_UF;
      this.nextUpdateNs += 1e9 * (Math.floor((now - this.nextUpdateNs) / 1e9) + 1);
    }
    if (this.flags & this.ram[REG_B]! & (B_PIE | B_UIE) && !(this.flags & C_IRQF)) {
      this.flags |= C_IRQF;
      this.irq?.setIrq(RTC_IRQ, true);
    }
  }

  /** Periodic interrupt period from register A's rate bits, or `Infinity` when off. */
  private periodNs(): number {
    const rate = this.ram[REG_A]! & 0x0f;
    if (rate === 0) return Infinity;
    // Rates 1 and 2 alias 8 and 9 (256 and 128 Hz) with the 32.768 kHz time base.
    const hz = rate <= 2 ? 32768 >> (rate + 6) : 32768 >> (rate - 1);
    return 1e9 / hz;
  }

  /** Re-arms the event times after the guest changed register A or B. */
  private schedule(): void {
    const now = this.clock.nowNs();
    const period = this.periodNs();
    this.nextPeriodicNs =
      this.ram[REG_B]! & B_PIE && period !== Infinity
        ? (Math.floor(now / period) + 1) * period
        : Infinity;
    this.nextUpdateNs =
      this.ram[REG_B]! & B_UIE ? now + (1000 - (this.nowMs() % 1000)) * 1e6 : Infinity;
  }

  /** Decodes ports 0x70 and 0x71. */
  attach(io: IoBus): void {
    io.register(0x70, 2, {
      read: (port) => (port === 0x70 ? this.index : this.read(this.index)),
      write: (port, _size, value) => {
        if (port === 0x70) {
          this.index = value & 0x7f;
          this.nmiMasked = (value & 0x80) !== 0;
        } else {
          this.write(this.index, value & 0xff);
        }
      },
    });
  }

  /** CMOS contents a BIOS leaves: 24-hour BCD time, valid RAM, memory sizes. */
  reset(): void {
    this.ram.fill(0);
    this.index = 0;
    this.offsetMs = 0;
    this.ram[REG_A] = 0x26; // 32.768 kHz time base, 1024 Hz rate
    this.ram[REG_B] = B_24H;
    this.ram[REG_D] = 0x80; // RAM and time are valid (battery good)
    const baseKb = 640;
    const extKb = Math.min(0xffff, Math.max(0, (this.options.memorySize - 0x100000) / 1024));
    const above16M = Math.min(0xffff, Math.max(0, (this.options.memorySize - 0x1000000) / 0x10000));
    this.ram[0x15] = baseKb & 0xff;
    this.ram[0x16] = baseKb >> 8;
    this.ram[0x17] = this.ram[0x30] = extKb & 0xff;
    this.ram[0x18] = this.ram[0x31] = extKb >> 8;
    this.ram[0x34] = above16M & 0xff;
    this.ram[0x35] = above16M >> 8;
    this.flags = 0;
    this.nextPeriodicNs = this.nextUpdateNs = Infinity;
    this.irq?.setIrq(RTC_IRQ, false);
  }

  /** The RTC's current date and time. */
  now(): Date {
    return new Date(this.nowMs());
  }

  private nowMs(): number {
    return this.options.startTime + this.offsetMs + this.clock.nowNs() / 1e6;
  }

  private encode(v: number): number {
    return this.ram[REG_B]! & B_BINARY ? v : toBcd(v);
  }

  private decode(v: number): number {
    return this.ram[REG_B]! & B_BINARY ? v : fromBcd(v);
  }

  private read(reg: number): number {
    const d = this.now();
    switch (reg) {
      case 0x00:
        return this.encode(d.getUTCSeconds());
      case 0x02:
        return this.encode(d.getUTCMinutes());
      case 0x04: {
        const h = d.getUTCHours();
        if (this.ram[REG_B]! & B_24H) return this.encode(h);
        const h12 = h % 12 === 0 ? 12 : h % 12;
        return this.encode(h12) | (h >= 12 ? 0x80 : 0);
      }
      case 0x06:
        return this.encode(d.getUTCDay() + 1);
      case 0x07:
        return this.encode(d.getUTCDate());
      case 0x08:
        return this.encode(d.getUTCMonth() + 1);
      case 0x09:
        return this.encode(d.getUTCFullYear() % 100);
      case CENTURY:
        return this.encode(Math.floor(d.getUTCFullYear() / 100));
      case REG_A: {
        // Update in progress during the last 244 µs before each second ticks over.
        const uip = this.nowMs() % 1000 >= 1000 - 0.244 ? 0x80 : 0;
        return (this.ram[REG_A]! & 0x7f) | uip;
      }
      case REG_C: {
        // Reading C acknowledges: the flags clear and IRQ 8 drops.
        this.update();
        const flags = this.flags;
        this.flags = 0;
        if (flags & C_IRQF) this.irq?.setIrq(RTC_IRQ, false);
        return flags;
      }
      default:
        return this.ram[reg]!;
    }
  }

  private write(reg: number, value: number): void {
    const fields: Record<number, (d: Date, v: number) => void> = {
      0x00: (d, v) => d.setUTCSeconds(v),
      0x02: (d, v) => d.setUTCMinutes(v),
      0x04: (d, v) => d.setUTCHours(v),
      0x07: (d, v) => d.setUTCDate(v),
      0x08: (d, v) => d.setUTCMonth(v - 1),
      0x09: (d, v) => d.setUTCFullYear(Math.floor(d.getUTCFullYear() / 100) * 100 + v),
      [CENTURY]: (d, v) => d.setUTCFullYear(v * 100 + (d.getUTCFullYear() % 100)),
    };
    const set = fields[reg];
    if (set) {
      let v = value;
      if (reg === 0x04 && !(this.ram[REG_B]! & B_24H)) {
        const pm = (v & 0x80) !== 0;
        v = (this.decode(v & 0x7f) % 12) + (pm ? 12 : 0);
      } else {
        v = this.decode(v);
      }
      const d = this.now();
      set(d, v);
      this.offsetMs += d.getTime() - this.nowMs();
      return;
    }
    if (reg === REG_C || reg === REG_D) return; // read-only
    if (reg === REG_A) value &= 0x7f; // UIP is read-only
    this.ram[reg] = value;
    if (reg === REG_A || reg === REG_B) this.schedule();
  }
}
