/**
 * The machine's sense of time. Devices that count time (the PIT, the RTC) read one
 * {@link Clock}; nothing in the emulator reads the host's clock directly, so a run on a
 * {@link VirtualClock} is deterministic: the same guest gives the same interleaving of
 * instructions and timer interrupts every time.
 */

/** A monotonic time source in nanoseconds since the machine was powered on. */
export interface Clock {
  /** Nanoseconds elapsed since power-on (fractional values allowed). */
  nowNs(): number;
  /**
   * Moves time forward by `ns` without executing instructions: the machine calls this
   * while the CPU sits in `hlt`, to jump to the next timer event instead of spinning.
   * A real-time clock ignores it (real time passes on its own).
   */
  skip(ns: number): void;
  /** True when time follows the instruction count (and {@link Clock.skip} moves it). */
  readonly virtual: boolean;
}

/**
 * Time derived from the number of instructions the CPU has retired: each instruction
 * takes `nsPerInstruction` nanoseconds (1 by default, a 1 GHz machine that runs one
 * instruction per cycle), plus whatever the machine skipped while the CPU was halted.
 *
 * @example
 * ```ts
 * let retired = 0;
 * const clock = new VirtualClock(() => retired);
 * retired = 1_000_000;
 * clock.nowNs(); // 1_000_000 (one virtual millisecond)
 * clock.skip(9_000_000);
 * clock.nowNs(); // 10_000_000
 * ```
 */
export class VirtualClock implements Clock {
  readonly virtual = true;
  private baseNs = 0;
  private baseCount: number;

  /**
   * @param instructionCount reads the CPU's retired-instruction counter.
   * @param nsPerInstruction virtual duration of one instruction, in nanoseconds.
   */
  constructor(
    private readonly instructionCount: () => number,
    readonly nsPerInstruction = 1,
  ) {
    if (!(nsPerInstruction > 0)) {
      throw new RangeError(`nsPerInstruction must be positive, got ${nsPerInstruction}`);
    }
    this.baseCount = instructionCount();
  }

  nowNs(): number {
    return this.baseNs + (this.instructionCount() - this.baseCount) * this.nsPerInstruction;
  }

  skip(ns: number): void {
    if (ns > 0) this.baseNs += ns;
  }

  /**
   * Keeps time running forward across a reset of the instruction counter (a CPU reset):
   * pass the function that resets it.
   */
  acrossCounterReset(resetCounter: () => void): void {
    this.baseNs = this.nowNs();
    resetCounter();
    this.baseCount = this.instructionCount();
  }

  /** Instructions that run before the clock reaches `ns` (at least 0). */
  instructionsUntil(ns: number): number {
    return Math.max(0, Math.ceil((ns - this.nowNs()) / this.nsPerInstruction));
  }
}

/**
 * Host wall-clock time (monotonic, from `performance.now()`), for interactive runs where
 * the guest's timer should tick at the speed of the real world.
 */
export class RealClock implements Clock {
  readonly virtual = false;
  private readonly start = performance.now();

  nowNs(): number {
    return (performance.now() - this.start) * 1e6;
  }

  skip(_ns: number): void {}
}
