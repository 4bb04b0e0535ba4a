/**
 * Test doubles shared by the device tests: a clock the test moves by hand and an IRQ
 * sink that records line changes. Not exported from the package.
 */
import type { Clock } from "../../clock/clock.js";
import type { IrqSink } from "../pic.js";

/** A virtual clock that only moves when the test says so. */
export class ManualClock implements Clock {
  readonly virtual = true;
  ns = 0;
  nowNs(): number {
    return this.ns;
  }
  skip(ns: number): void {
    this.ns += ns;
  }
}

/** Records every IRQ level change and counts rising edges per line. */
export class IrqRecorder implements IrqSink {
  readonly levels = new Array<boolean>(16).fill(false);
  readonly rises = new Array<number>(16).fill(0);
  setIrq(irq: number, level: boolean): void {
    if (level && !this.levels[irq]) this.rises[irq]!++;
    this.levels[irq] = level;
  }
}
