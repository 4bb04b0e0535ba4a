/**
 * `Rtc`: wall-clock time from the CMOS real-time clock (MC146818), in BCD or binary and in
 * 12- or 24-hour mode as status register B says.
 */
import type { Component, ComponentContext } from "@native-kit/system";
import { ServiceKey } from "@native-kit/system";
import { PortIo } from "../port-io.js";
import type { X86Machine } from "../x86-machine.js";

const CMOS_INDEX = 0x70;
const CMOS_DATA = 0x71;
const REG_SECONDS = 0x00;
const REG_MINUTES = 0x02;
const REG_HOURS = 0x04;
const REG_DAY = 0x07;
const REG_MONTH = 0x08;
const REG_YEAR = 0x09;
const REG_STATUS_A = 0x0a;
const REG_STATUS_B = 0x0b;
const REG_CENTURY = 0x32;
const STATUS_A_UPDATING = 0x80;
const STATUS_B_24H = 0x02;
const STATUS_B_BINARY = 0x04;

/** The RTC service: the driver itself. */
export const RtcKey: ServiceKey<Rtc> = new ServiceKey<Rtc>("arch-x86.rtc");

/** Decodes one BCD byte (0x59 → 59). */
export function fromBcd(value: number): number {
  return (value >>> 4) * 10 + (value & 0x0f);
}

/**
 * The real-time clock, as a component.
 *
 * @example
 * ```ts
 * const rtc = system.install(new Rtc());
 * system.boot();
 * rtc.now().toISOString(); // "2026-11-25T13:05:52.000Z"
 * ```
 */
export class Rtc implements Component<X86Machine> {
  readonly name = "rtc";
  readonly provides = [RtcKey];
  private ports: PortIo | null = null;

  /** Takes the CMOS ports. */
  init(ctx: ComponentContext<X86Machine>): void {
    this.ports = new PortIo(ctx.machine.io);
    ctx.provide(RtcKey, this);
    ctx.log.info(`wall clock ${this.now().toISOString()}`);
  }

  /** Forgets the ports. */
  shutdown(): void {
    this.ports = null;
  }

  /**
   * The RTC's date and time, read as UTC (the PC convention for a Unix-like kernel).
   *
   * @throws when the clock holds an impossible date.
   */
  now(): Date {
    // Read until two consecutive snapshots agree, so an update in the middle cannot tear it.
    let previous = this.snapshot();
    for (let i = 0; i < 8; i++) {
      const current = this.snapshot();
      if (current.every((v, j) => v === previous[j])) break;
      previous = current;
    }
    const [sec, min, hourRaw, day, month, year, century, statusB] = previous as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const binary = (statusB & STATUS_B_BINARY) !== 0;
    const dec = (v: number): number => (binary ? v : fromBcd(v));
    const pm = (hourRaw & 0x80) !== 0;
    let hour = dec(hourRaw & 0x7f);
    if ((statusB & STATUS_B_24H) === 0) hour = (hour % 12) + (pm ? 12 : 0);
    const cent = century === 0 || century === 0xff ? 20 : dec(century);
    const fullYear = cent * 100 + dec(year);
    const values = [dec(sec), dec(min), hour, dec(day), dec(month)];
    const [s, m, h, d, mo] = values as [number, number, number, number, number];
    if (s > 59 || m > 59 || h > 23 || d < 1 || d > 31 || mo < 1 || mo > 12) {
      throw new Error(`the RTC holds an invalid time: ${fullYear}-${mo}-${d} ${h}:${m}:${s}`);
    }
    return new Date(Date.UTC(fullYear, mo - 1, d, h, m, s));
  }

  private read(reg: number): number {
    const p = this.ports;
    if (!p) throw new Error("rtc is not initialised: install it and boot the system");
    p.outb(CMOS_INDEX, reg);
    return p.inb(CMOS_DATA);
  }

  private snapshot(): number[] {
    for (let i = 0; i < 10_000 && (this.read(REG_STATUS_A) & STATUS_A_UPDATING) !== 0; i++) {
      // wait for the update cycle to finish (it lasts under 2 ms on real hardware)
    }
    return [
      REG_SECONDS,
      REG_MINUTES,
      REG_HOURS,
      REG_DAY,
      REG_MONTH,
      REG_YEAR,
      REG_CENTURY,
      REG_STATUS_B,
    ].map((r) => this.read(r));
  }
}
