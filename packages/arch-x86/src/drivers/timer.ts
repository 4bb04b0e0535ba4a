/**
 * `Timer`: the 8254 PIT channel 0 as the kernel's tick source: programmed to a chosen rate
 * in rate-generator mode, counting IRQ 0 ticks, reporting uptime and calling listeners.
 */
import type { Component, ComponentContext } from "@native-kit/system";
import { ServiceKey } from "@native-kit/system";
import type { TrapFrame } from "../trap-frame.js";
import { IrqsKey } from "../platform.js";
import { PortIo } from "../port-io.js";
import type { X86Machine } from "../x86-machine.js";

/** The PIT's input clock, in Hz. */
export const PIT_HZ = 1_193_182;
const PIT_CHANNEL0 = 0x40;
const PIT_COMMAND = 0x43;
/** Channel 0, lobyte/hibyte access, mode 2 (rate generator), binary. */
const RATE_GENERATOR = 0x34;
const TIMER_IRQ = 0;

/** Receives each tick with the tick count and the interrupted frame. */
export type TickListener = (ticks: number, frame: TrapFrame) => void;

/** The timer service: the driver itself. */
export const TimerKey: ServiceKey<Timer> = new ServiceKey<Timer>("arch-x86.timer");

/** The PIT divisor for `hz` (rounded to the nearest achievable rate). */
export function pitDivisor(hz: number): number {
  if (!Number.isFinite(hz) || hz < 19 || hz > PIT_HZ) {
    throw new RangeError(`timer rate must be between 19 Hz and ${PIT_HZ} Hz, got ${hz}`);
  }
  return Math.min(65536, Math.max(1, Math.round(PIT_HZ / hz)));
}

/**
 * The system timer, as a component.
 *
 * @example
 * ```ts
 * const timer = system.install(new Timer({ hz: 100 }));
 * system.boot();
 * timer.onTick((ticks) => { if (ticks % 100 === 0) log.info(`${timer.uptimeMs} ms`); });
 * ```
 */
export class Timer implements Component<X86Machine> {
  readonly name = "timer";
  readonly provides = [TimerKey];
  readonly needs = [IrqsKey];
  /** The divisor programmed into channel 0. */
  readonly divisor: number;
  private tickCount = 0;
  private readonly listeners: TickListener[] = [];
  private release: (() => void) | null = null;

  /** @param options.hz - the tick rate (19 Hz to 1.19 MHz); default 100. */
  constructor(options: { hz?: number } = {}) {
    this.divisor = pitDivisor(options.hz ?? 100);
  }

  /** The rate actually programmed, in Hz. */
  get hz(): number {
    return PIT_HZ / this.divisor;
  }

  /** Ticks since init. */
  get ticks(): number {
    return this.tickCount;
  }

  /** Milliseconds since init, counted in ticks. */
  get uptimeMs(): number {
    return (this.tickCount * 1000) / this.hz;
  }

  /** Programs channel 0 and claims IRQ 0. */
  init(ctx: ComponentContext<X86Machine>): void {
    const ports = new PortIo(ctx.machine.io);
    ports.outb(PIT_COMMAND, RATE_GENERATOR);
    const d = this.divisor & 0xffff; // 65536 is written as 0
    ports.outb(PIT_CHANNEL0, d & 0xff);
    ports.outb(PIT_CHANNEL0, d >>> 8);
    this.release = ctx.get(IrqsKey).on(TIMER_IRQ, (frame) => this.tick(frame));
    ctx.provide(TimerKey, this);
    ctx.log.info(`PIT channel 0 at ${this.hz.toFixed(2)} Hz (divisor ${this.divisor})`);
  }

  /** Releases IRQ 0. */
  shutdown(): void {
    this.release?.();
    this.release = null;
  }

  /** Adds a tick listener; returns a function that removes it. */
  onTick(listener: TickListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private tick(frame: TrapFrame): void {
    this.tickCount++;
    for (const listener of [...this.listeners]) listener(this.tickCount, frame);
  }
}
