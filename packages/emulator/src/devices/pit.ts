/**
 * The 8254 programmable interval timer at ports 0x40–0x43, with the speaker/gate port
 * 0x61 (system control port B).
 *
 * The counters run at 1.193182 MHz of the machine's {@link Clock}: a counter's value is
 * computed from the time elapsed since it was loaded, never ticked one by one, so a
 * virtual clock can jump over a halted CPU. Modelled: modes 0 (interrupt on terminal
 * count), 2 (rate generator) and 3 (square wave), with 1, 4 and 5 treated as one-shots
 * like mode 0; binary counting; LSB/MSB/LSB-then-MSB access; counter latch and
 * read-back commands; channel 0's output on IRQ 0; channel 2's gate on port 0x61 bit 0
 * and its output on bit 5. Simplification: a low gate does not freeze a count; a rising
 * gate restarts it, which is what the PC's speaker and delay-calibration code relies on.
 */
import type { Clock } from "../clock/clock.js";
import type { IoBus } from "../io/io-bus.js";
import type { IrqSink } from "./pic.js";

/** The 8254's input frequency on a PC, in Hz. */
export const PIT_FREQUENCY_HZ = 1_193_182;
const NS_PER_TICK = 1e9 / PIT_FREQUENCY_HZ;

/** Access modes of the control word (bits 5..4). */
const ACCESS_LATCH = 0;
const ACCESS_LSB = 1;
const ACCESS_MSB = 2;
const ACCESS_WORD = 3;

class Channel {
  mode = 0;
  access = ACCESS_WORD;
  /** Reload value as programmed (0 means 65536). */
  reload = 0;
  /** Whether the next byte written/read is the MSB in LSB-then-MSB access. */
  writeMsb = false;
  readMsb = false;
  pendingLsb = 0;
  /** Latched count (or -1) and latched status (or -1). */
  latch = -1;
  statusLatch = -1;
  /** Time the count was loaded (or the gate last rose), in PIT ticks; -1 while unarmed. */
  startTick = -1;
  gate = true;
  /** The next tick at which this channel's output rises, for IRQ delivery. */
  nextEdgeTick = Infinity;
  /** For one-shot modes: the terminal count was reached and reported. */
  fired = false;

  get period(): number {
    return this.reload === 0 ? 0x10000 : this.reload;
  }

  periodic(): boolean {
    return this.mode === 2 || this.mode === 3;
  }

  /** Counter value at `tick`. */
  count(tick: number): number {
    if (this.startTick < 0) return this.reload & 0xffff;
    const elapsed = Math.max(0, tick - this.startTick);
    if (this.periodic()) {
      const p = this.period;
      const phase = elapsed % p;
      // Mode 3 decrements by two each tick, so the count runs twice over the half periods.
      if (this.mode === 3) return (p - ((phase * 2) % p)) & 0xfffe;
      return (p - phase) & 0xffff;
    }
    return (this.period - elapsed) & 0xffff;
  }

  /** Output pin level at `tick`. */
  output(tick: number): boolean {
    if (this.startTick < 0) return this.mode !== 0;
    const elapsed = Math.max(0, tick - this.startTick);
    switch (this.mode) {
      case 2:
        return elapsed % this.period !== this.period - 1;
      case 3:
        return elapsed % this.period < Math.ceil(this.period / 2);
      default:
        return elapsed >= this.period;
    }
  }

  arm(tick: number): void {
    this.startTick = tick;
    this.fired = false;
    this.nextEdgeTick = this.gate ? tick + this.period : Infinity;
  }
}

/**
 * The 8254 PIT.
 *
 * @example
 * ```ts
 * const pit = new Pit(clock, pic);
 * pit.attach(io);
 * // after the guest programs channel 0, the machine calls:
 * pit.update(); // raises IRQ 0 for each expired period
 * pit.nextEventNs(); // when to call update() next
 * ```
 */
export class Pit {
  private readonly channels = [new Channel(), new Channel(), new Channel()] as const;
  /** Port 0x61 bits the guest writes: 0 (gate 2) and 1 (speaker data). */
  private portB = 0;
  private refreshToggle = 0;

  /**
   * @param clock the machine's time source.
   * @param irq where channel 0's output goes (IRQ 0).
   */
  constructor(
    private readonly clock: Clock,
    private readonly irq: IrqSink,
  ) {
    this.reset();
  }

  /** Decodes ports 0x40–0x43 and 0x61. */
  attach(io: IoBus): void {
    io.register(0x40, 4, {
      read: (port) => this.readPort(port),
      write: (port, _size, value) => this.writePort(port, value & 0xff),
    });
    io.register(0x61, 1, {
      read: () => this.readPortB(),
      write: (_port, _size, value) => this.writePortB(value & 0xff),
    });
  }

  /** All channels unprogrammed; channel 2's gate low. */
  reset(): void {
    for (const ch of this.channels) Object.assign(ch, new Channel());
    this.channels[2].gate = false;
    this.portB = 0;
    this.refreshToggle = 0;
    // Channel 0's output idles high (a BIOS leaves it in mode 3), so a guest's first
    // mode 2/3 programming is not itself an IRQ 0 edge.
    this.irq.setIrq(0, true);
  }

  /** The machine's time in PIT ticks. */
  private nowTick(): number {
    // The slack absorbs float rounding, so that the time returned by nextEventNs() is
    // always seen as the event's tick.
    return Math.floor(this.clock.nowNs() / NS_PER_TICK + 1e-6);
  }

  /** Time of the next IRQ 0 edge in nanoseconds, or `Infinity` when none is due. */
  nextEventNs(): number {
    const t = this.channels[0].nextEdgeTick;
    return t === Infinity ? Infinity : Math.ceil(t * NS_PER_TICK);
  }

  /**
   * Delivers the IRQ 0 edges that are due. Periods that passed entirely while nobody
   * looked collapse into one request, as the single IRR bit does on real hardware.
   */
  update(): void {
    const ch = this.channels[0];
    const now = this.nowTick();
    if (now < ch.nextEdgeTick) return;
    this.irq.setIrq(0, false);
    this.irq.setIrq(0, true);
    if (ch.periodic()) {
      const p = ch.period;
      ch.nextEdgeTick += p * (Math.floor((now - ch.nextEdgeTick) / p) + 1);
    } else {
      ch.fired = true;
      ch.nextEdgeTick = Infinity;
    }
  }

  private readPort(port: number): number {
    if (port === 0x43) return 0xff; // the control register is write-only
    const ch = this.channels[port - 0x40]!;
    if (ch.statusLatch >= 0) {
      const s = ch.statusLatch;
      ch.statusLatch = -1;
      return s;
    }
    const value = ch.latch >= 0 ? ch.latch : ch.count(this.nowTick());
    switch (ch.access) {
      case ACCESS_LSB:
        ch.latch = -1;
        return value & 0xff;
      case ACCESS_MSB:
        ch.latch = -1;
        return value >> 8;
      default:
        if (!ch.readMsb) {
          ch.readMsb = true;
          if (ch.latch >= 0) ch.latch = value; // keep the latch for the MSB
          return value & 0xff;
        }
        ch.readMsb = false;
        ch.latch = -1;
        return value >> 8;
    }
  }

  private writePort(port: number, value: number): void {
    if (port === 0x43) {
      this.writeControl(value);
      return;
    }
    const ch = this.channels[port - 0x40]!;
    switch (ch.access) {
      case ACCESS_LSB:
        ch.reload = value;
        break;
      case ACCESS_MSB:
        ch.reload = value << 8;
        break;
      default:
        if (!ch.writeMsb) {
          ch.pendingLsb = value;
          ch.writeMsb = true;
          return;
        }
        ch.writeMsb = false;
        ch.reload = ch.pendingLsb | (value << 8);
    }
    ch.arm(this.nowTick());
  }

  private writeControl(value: number): void {
    const sel = value >> 6;
    if (sel === 3) {
      // Read-back: bit 5 clear latches counts, bit 4 clear latches status.
      for (let i = 0; i < 3; i++) {
        if ((value & (2 << i)) === 0) continue;
        const ch = this.channels[i]!;
        if ((value & 0x20) === 0 && ch.latch < 0) ch.latch = ch.count(this.nowTick());
        if ((value & 0x10) === 0 && ch.statusLatch < 0) {
          const out = ch.output(this.nowTick()) ? 0x80 : 0;
          const nullCount = ch.startTick < 0 ? 0x40 : 0;
          ch.statusLatch = out | nullCount | (ch.access << 4) | (ch.mode << 1);
        }
      }
      return;
    }
    const ch = this.channels[sel]!;
    const access = (value >> 4) & 3;
    if (access === ACCESS_LATCH) {
      if (ch.latch < 0) ch.latch = ch.count(this.nowTick());
      ch.readMsb = false;
      return;
    }
    ch.access = access;
    // Modes 6 and 7 are aliases of 2 and 3.
    const mode = (value >> 1) & 7;
    ch.mode = mode > 5 ? mode - 4 : mode;
    ch.readMsb = ch.writeMsb = false;
    ch.latch = ch.statusLatch = -1;
    ch.startTick = -1;
    ch.nextEdgeTick = Infinity;
    if (sel === 0) this.irq.setIrq(0, ch.mode !== 0);
  }

  private readPortB(): number {
    // Bit 4 toggles with DRAM refresh (every 15 µs); guests poll it for short delays.
    this.refreshToggle = Math.floor(this.clock.nowNs() / 15_000) & 1;
    const out2 = this.channels[2].output(this.nowTick()) ? 0x20 : 0;
    return (this.portB & 0x03) | (this.refreshToggle << 4) | out2;
  }

  private writePortB(value: number): void {
    const ch = this.channels[2];
    const gate = (value & 1) !== 0;
    // A rising gate restarts the count in every mode the PC uses on channel 2.
    if (gate && !ch.gate && ch.startTick >= 0) ch.arm(this.nowTick());
    ch.gate = gate;
    this.portB = value & 0x03;
  }

  /** Current count of channel `index` (0–2), as a latch command would read it. */
  count(index: 0 | 1 | 2): number {
    return this.channels[index].count(this.nowTick());
  }

  /** Output level of channel `index` (0–2). */
  output(index: 0 | 1 | 2): boolean {
    return this.channels[index].output(this.nowTick());
  }
}
