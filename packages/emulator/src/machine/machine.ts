/**
 * The emulated PC: RAM, the port bus, the CPU and every device, wired the way a PC wires
 * them, with a run loop that executes instructions in batches.
 *
 * Time: device timers read the machine's {@link Clock}. Between batches the machine
 * delivers due timer events; a batch never runs past the next one, so under the virtual
 * clock an interrupt arrives at exactly the same instruction on every run. While the CPU
 * sits in `hlt` with interrupts enabled, the virtual clock jumps to the next timer event
 * instead of spinning.
 */
import { RealClock, VirtualClock, type Clock } from "../clock/clock.js";
import { Cpu } from "../cpu/cpu.js";
import type { Fpu } from "../cpu/fpu-interface.js";
import { X87 } from "../cpu/x87/x87.js";
import { FpuErrorLatch } from "../devices/fpu-error.js";
import { Cmos } from "../devices/cmos.js";
import { DebugExit, debugExitStatus } from "../devices/debug-exit.js";
import { I8042 } from "../devices/i8042.js";
import { PicPair } from "../devices/pic.js";
import { Pit } from "../devices/pit.js";
import { PostPort } from "../devices/post.js";
import { COM1, COM2, Uart } from "../devices/uart.js";
import { Vga } from "../devices/vga.js";
import { IoBus } from "../io/io-bus.js";
import { PhysicalMemory } from "../memory/physical-memory.js";
import { Emitter } from "./events.js";
import { pcMemoryMap, type MemoryRegion } from "./memory-map.js";

/** Options of {@link createMachine}. */
export interface MachineOptions {
  /** RAM in bytes: a multiple of 4 KiB, at least 2 MiB. Default 32 MiB. */
  memorySize?: number;
  /**
   * `"virtual"` (default): time follows the instruction count, deterministic.
   * `"real"`: host wall-clock time, for interactive runs.
   */
  clock?: "virtual" | "real";
  /** Virtual nanoseconds per instruction under the virtual clock (default 1: a 1 GHz machine). */
  nsPerInstruction?: number;
  /** Most instructions per batch of the run loop (default 200 000). */
  batchSize?: number;
  /**
   * The RTC's date at power-on. Default: 2000-01-01T00:00:00Z under the virtual clock
   * (runs stay reproducible), the host's current time under the real clock.
   */
  rtcStart?: Date;
  /**
   * The CPU's x87: a new {@link X87} by default, as every i686 has one; `null` builds a
   * machine without a coprocessor (ESC opcodes raise `#NM`).
   */
  fpu?: Fpu | null;
}

/** Why a run stopped. */
export type StopReason =
  /** The guest wrote to the debug-exit port. */
  | "exit"
  /** The CPU executed `hlt` with interrupts disabled: nothing can wake it. */
  | "halt"
  /** The CPU triple-faulted (shut down). */
  | "triple-fault"
  /** The guest asked for a system reset (8042 reset line). */
  | "reset"
  /** {@link Machine.stop} was called. */
  | "stopped"
  /** The CPU waits in `hlt` for an interrupt that no timer or pending input will raise. */
  | "idle"
  /** The instruction budget ran out. */
  | "limit"
  /** The predicate of {@link Machine.runUntil} became true. */
  | "predicate";

/** What a run did. */
export interface RunResult {
  /** Why it stopped. */
  reason: StopReason;
  /** Instructions retired during the run. */
  instructions: number;
}

/** The events a machine emits, with their arguments. */
export type MachineEvents = {
  /** A byte the guest transmitted on COM1 (port 1) or COM2 (port 2). */
  serial: [byte: number, port: 1 | 2];
  /** The guest wrote `value` to the debug-exit port; `status` is `(value << 1) | 1`. */
  exit: [value: number, status: number];
  /** The CPU halted with interrupts disabled. */
  halt: [];
  /**
   * The guest brought the PC down: a triple fault (CPU shutdown) or a reset request. The
   * run stops there (with reason `triple-fault` or `reset`); {@link Machine.reset} restarts
   * the machine if the host wants the PC's reboot behaviour.
   */
  reset: [reason: "triple-fault" | "reset-request"];
  /** A POST code written to port 0x80. */
  post: [code: number];
};

/** Thrown through the CPU from a device callback to end the current batch at once. */
const BATCH_STOP = Symbol("batch stop");
const DEFAULT_MEMORY = 32 * 1024 * 1024;
const DEFAULT_BATCH = 200_000;
const IF_FLAG = 0x200;
/** Instructions per batch under the real clock while a timer is armed (~0.5 ms at 40 MIPS). */
const REAL_CLOCK_SLICE = 20_000;

/**
 * A PC: {@link PhysicalMemory}, {@link IoBus}, {@link Cpu}, the 8259 pair, the 8254,
 * COM1/COM2, VGA text, the 8042 keyboard controller, CMOS/RTC, POST and debug-exit ports.
 *
 * @example
 * ```ts
 * const machine = createMachine({ memorySize: 16 << 20 });
 * bootMultiboot(machine, readFileSync("hello.elf"));
 * machine.on("serial", (b) => process.stdout.write(String.fromCharCode(b)));
 * const { reason } = machine.runUntil(() => false, { maxInstructions: 10_000_000 });
 * machine.vga.text()[0]; // "HELLO WORLD"
 * ```
 */
export class Machine {
  /** Physical memory (RAM, ROM window, MMIO). */
  readonly memory: PhysicalMemory;
  /** The I/O port space. */
  readonly io = new IoBus();
  /** The processor. */
  readonly cpu: Cpu;
  /** The time source of the timers. */
  readonly clock: Clock;
  /** The memory map reported to kernels (E820 / Multiboot), in address order. */
  readonly memoryMap: readonly MemoryRegion[];
  /** 8259A master/slave pair; also the CPU's interrupt line. */
  readonly pic = new PicPair();
  /** 8254 timer (ports 0x40–0x43, 0x61). */
  readonly pit: Pit;
  /** First serial port (0x3F8, IRQ 4). */
  readonly com1: Uart;
  /** Second serial port (0x2F8, IRQ 3). */
  readonly com2: Uart;
  /** VGA text mode. */
  readonly vga: Vga;
  /** 8042 controller and PS/2 keyboard: `pressKey`, `typeText`, `injectScancodes`. */
  readonly keyboard: I8042;
  /** CMOS RAM and real-time clock. */
  readonly cmos: Cmos;
  /** POST code port 0x80. */
  readonly post = new PostPort();
  /** FERR# → IRQ 13, cleared through port 0xF0 (the x87's error path with CR0.NE clear). */
  readonly fpuError = new FpuErrorLatch(this.pic);
  /** Debug-exit port 0xF4. */
  readonly debugExit = new DebugExit();
  /** Most instructions per batch. */
  readonly batchSize: number;
  /** The value written to the debug-exit port, once the guest has exited. */
  exitValue: number | null = null;

  private readonly events = new Emitter<MachineEvents>();
  private readonly serialQueues: [number[], number[]] = [[], []];
  /** Set by device callbacks and {@link Machine.stop}; consumed by the run loop. */
  private pendingStop: StopReason | null = null;
  private running = false;

  constructor(options: MachineOptions = {}) {
    const size = options.memorySize ?? DEFAULT_MEMORY;
    if (!Number.isInteger(size) || size < 2 * 1024 * 1024 || size % 4096 !== 0) {
      throw new RangeError(
        `memory size must be a multiple of 4 KiB and at least 2 MiB, got ${size} bytes`,
      );
    }
    this.memory = new PhysicalMemory(size);
    this.memoryMap = pcMemoryMap(size);
    this.cpu = new Cpu(this.memory, this.io);
    this.cpu.fpu = options.fpu === undefined ? new X87() : options.fpu;
    this.cpu.fpu?.reset();
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    const virtual = (options.clock ?? "virtual") === "virtual";
    this.clock = virtual
      ? new VirtualClock(() => this.cpu.instructionCount, options.nsPerInstruction ?? 1)
      : new RealClock();
    const rtcStart = options.rtcStart ?? (virtual ? new Date(Date.UTC(2000, 0, 1)) : new Date());

    this.pit = new Pit(this.clock, this.pic);
    this.com1 = new Uart(COM1.port, COM1.irq, this.pic);
    this.com2 = new Uart(COM2.port, COM2.irq, this.pic);
    this.vga = new Vga(this.memory);
    this.keyboard = new I8042(this.pic);
    this.cmos = new Cmos(this.clock, { memorySize: size, startTime: rtcStart.getTime() }, this.pic);

    // The port map of a PC, one device at a time.
    this.pic.attach(this.io);
    this.pit.attach(this.io);
    this.keyboard.attach(this.io);
    this.cmos.attach(this.io);
    this.post.attach(this.io);
    this.fpuError.attach(this.io);
    this.debugExit.attach(this.io);
    this.com2.attach(this.io);
    this.vga.attach(this.io);
    this.com1.attach(this.io);

    this.cpu.interruptLine = this.pic;
    this.cpu.onFpuIrq = () => this.fpuError.assert();
    this.com1.onTransmit = (b) => this.events.emit("serial", b, 1);
    this.com2.onTransmit = (b) => this.events.emit("serial", b, 2);
    this.com1.onReadyForInput = () => this.feedSerial();
    this.com2.onReadyForInput = () => this.feedSerial();
    this.post.onCode = (code) => this.events.emit("post", code);
    this.debugExit.onExit = (value) => {
      this.exitValue = value;
      this.events.emit("exit", value, debugExitStatus(value));
      this.stopBatch("exit");
    };
    this.keyboard.onResetRequest = () => {
      this.events.emit("reset", "reset-request");
      this.stopBatch("reset");
    };
    this.cpu.onTripleFault = () => this.events.emit("reset", "triple-fault");
  }

  /** Adds a listener for a machine event; returns a function that removes it. */
  on<K extends keyof MachineEvents>(
    event: K,
    listener: (...args: MachineEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  /**
   * Resets the CPU and every device, as the reset button does: RAM keeps its contents,
   * the CPU restarts at the reset vector, time keeps running forward.
   */
  reset(): void {
    if (this.clock instanceof VirtualClock) {
      this.clock.acrossCounterReset(() => this.cpu.reset());
    } else {
      this.cpu.reset();
    }
    this.pic.reset();
    this.pit.reset();
    this.com1.reset();
    this.com2.reset();
    this.vga.reset();
    this.keyboard.reset();
    this.cmos.reset();
    this.post.reset();
    this.fpuError.reset();
    this.exitValue = null;
    this.pendingStop = null;
    this.serialQueues[0].length = this.serialQueues[1].length = 0;
  }

  /**
   * Queues bytes for the guest to receive on COM1 (`port` 1) or COM2. They enter the
   * UART while the guest asserts RTS and as its receive buffer has room (hardware flow
   * control), so input sent before the guest set up the port, or faster than it reads,
   * is not lost.
   */
  sendSerial(bytes: Iterable<number>, port: 1 | 2 = 1): void {
    const queue = this.serialQueues[port - 1]!;
    for (const b of bytes) queue.push(b & 0xff);
    this.feedSerial();
  }

  /** Asks a running {@link Machine.start} or {@link Machine.runUntil} loop to stop. */
  stop(): void {
    this.pendingStop = "stopped";
  }

  /** True while {@link Machine.start} is running. */
  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Runs synchronously until `predicate()` is true (checked between batches), the guest
   * stops the machine, the CPU idles with nothing to wake it, or `maxInstructions` are
   * spent (default 100 million).
   */
  runUntil(predicate: () => boolean, options: { maxInstructions?: number } = {}): RunResult {
    const budget = options.maxInstructions ?? 100_000_000;
    const start = this.cpu.instructionCount;
    const used = () => this.cpu.instructionCount - start;
    for (;;) {
      if (predicate()) return { reason: "predicate", instructions: used() };
      const left = budget - used();
      if (left <= 0) return { reason: "limit", instructions: used() };
      const stop = this.batch(Math.min(this.batchSize, left));
      if (stop) return { reason: stop, instructions: used() };
    }
  }

  /** Runs synchronously for up to `instructions` instructions (see {@link Machine.runUntil}). */
  runFor(instructions: number): RunResult {
    return this.runUntil(() => false, { maxInstructions: instructions });
  }

  /**
   * Runs until the guest stops the machine or {@link Machine.stop} is called, yielding to
   * the host event loop between batches so that input, output and timers keep flowing.
   * While the CPU idles in `hlt`, the loop sleeps instead of spinning.
   */
  async start(): Promise<RunResult> {
    if (this.running) throw new Error("the machine is already running");
    this.running = true;
    const start = this.cpu.instructionCount;
    try {
      for (;;) {
        const stop = this.batch(this.batchSize);
        if (stop === "idle" || stop === null) {
          await (stop === "idle" ? sleep(this.idleWaitMs()) : yieldToHost());
          if (this.pendingStop === "stopped") {
            this.pendingStop = null;
            return { reason: "stopped", instructions: this.cpu.instructionCount - start };
          }
          continue;
        }
        return { reason: stop, instructions: this.cpu.instructionCount - start };
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Runs one batch of at most `limit` instructions, bounded by the next timer event.
   * Returns why the machine stopped, or `null` to go on.
   */
  private batch(limit: number): StopReason | null {
    if (this.pendingStop) return this.takeStop();
    this.serviceDevices();
    const cpu = this.cpu;
    if (cpu.shutdown) return "triple-fault";
    if (cpu.halted) {
      if ((cpu.getEflags() & IF_FLAG) === 0) {
        this.events.emit("halt");
        return "halt";
      }
      if (!this.pic.hasInterrupt()) {
        const next = this.nextTimerNs();
        if (!this.clock.virtual || next === Infinity) return "idle";
        this.clock.skip(next - this.clock.nowNs());
        this.serviceDevices();
        // The timer fired but nothing reached the CPU (its IRQ masked or blocked by a
        // higher-priority interrupt in service): only host input can wake it now.
        if (!this.pic.hasInterrupt()) return "idle";
      }
    }
    let n = limit;
    const next = this.nextTimerNs();
    if (next !== Infinity) {
      // Virtual time: run exactly up to the event. Real time: the instruction rate is
      // unknown, so run short slices and look at the timer often.
      n = Math.min(
        n,
        this.clock instanceof VirtualClock
          ? Math.max(1, this.clock.instructionsUntil(next))
          : REAL_CLOCK_SLICE,
      );
    }
    let executed = -1;
    try {
      executed = cpu.run(n);
    } catch (e) {
      if (e !== BATCH_STOP) throw e;
    }
    if (this.pendingStop) return this.takeStop();
    if (cpu.shutdown) return "triple-fault";
    // A halted CPU that took nothing (say, a request withdrawn before INTA) must not make
    // the caller spin: report it idle.
    if (executed === 0 && cpu.halted) return "idle";
    return null;
  }

  private takeStop(): StopReason {
    const s = this.pendingStop!;
    this.pendingStop = null;
    return s;
  }

  /** Called from a device callback inside the CPU: stop the batch right there. */
  private stopBatch(reason: StopReason): never {
    this.pendingStop = reason;
    throw BATCH_STOP;
  }

  /** Delivers due timer events and queued serial input. */
  private serviceDevices(): void {
    this.pit.update();
    this.cmos.update();
    this.feedSerial();
  }

  /** When the next device timer (PIT channel 0, RTC interrupts) fires, in nanoseconds. */
  private nextTimerNs(): number {
    return Math.min(this.pit.nextEventNs(), this.cmos.nextEventNs());
  }

  private feedSerial(): void {
    const uarts = [this.com1, this.com2] as const;
    for (let i = 0; i < 2; i++) {
      const q = this.serialQueues[i]!;
      const uart = uarts[i]!;
      if (!uart.clearToSend) continue;
      const n = Math.min(q.length, uart.receiveSpace);
      if (n > 0) uart.receive(q.splice(0, n));
    }
  }

  /** How long an idle {@link Machine.start} loop sleeps before looking again. */
  private idleWaitMs(): number {
    const next = this.nextTimerNs();
    if (this.clock.virtual || next === Infinity) return 10;
    return Math.max(0, Math.min(10, (next - this.clock.nowNs()) / 1e6));
  }
}

function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Builds a {@link Machine} with every device attached, ready for a boot path
 * (`bootMultiboot`, `bootRom`).
 *
 * @example
 * ```ts
 * const machine = createMachine({ memorySize: 64 << 20, clock: "real" });
 * ```
 */
export function createMachine(options: MachineOptions = {}): Machine {
  return new Machine(options);
}
