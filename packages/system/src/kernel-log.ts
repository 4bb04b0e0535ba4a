/**
 * The kernel log: leveled messages from components, kept in a bounded in-memory buffer and
 * passed to the default output device and to any number of sinks (e.g. a serial port).
 */
import type { OutputDevice } from "./output-device.js";

/** Severity of a log entry, lowest first. */
export const LogLevel = {
  /** Detail useful only when debugging the kernel. */
  Debug: 0,
  /** Normal progress: a component came up, a device was found. */
  Info: 1,
  /** Something unexpected that the kernel works around. */
  Warn: 2,
  /** Something failed. */
  Error: 3,
} as const;
/** One of the {@link LogLevel} values. */
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

const LEVEL_NAMES = ["debug", "info", "warn", "error"] as const;

/** The lower-case name of a level (`"info"`), as it appears in formatted lines. */
export function logLevelName(level: LogLevel): (typeof LEVEL_NAMES)[number] {
  return LEVEL_NAMES[level] ?? "error";
}

/** One message in the kernel log. */
export interface LogEntry {
  /** How severe it is. */
  readonly level: LogLevel;
  /** The component (or `"kernel"`) that wrote it. */
  readonly source: string;
  /** The text, without a trailing newline. */
  readonly message: string;
  /** Sequence number since boot, so that entries from several sinks can be ordered. */
  readonly sequence: number;
}

/** Receives every entry at or above the log's level. */
export type LogSink = (entry: LogEntry) => void;

/** Formats an entry as one line of text: `[info] video: 80x25 text console\n`. */
export function formatLogEntry(entry: LogEntry): string {
  return `[${logLevelName(entry.level)}] ${entry.source}: ${entry.message}\n`;
}

/** Options of a {@link KernelLog}. */
export interface KernelLogOptions {
  /** Entries below this level are dropped entirely. Default: {@link LogLevel.Debug}. */
  level?: LogLevel;
  /**
   * Entries at or above this level are also written to the output device. Default:
   * {@link LogLevel.Warn}, so that a kernel's screen shows its own output, not boot chatter.
   */
  outputLevel?: LogLevel;
  /** How many entries the in-memory buffer keeps. Default: 512. */
  capacity?: number;
}

/**
 * The kernel's log.
 *
 * @example
 * ```ts
 * const log = new KernelLog({ outputLevel: LogLevel.Info });
 * log.addSink((e) => serial.write(formatLogEntry(e)));
 * log.write(LogLevel.Info, "timer", "PIT at 100 Hz");
 * log.entries().at(-1)?.message; // "PIT at 100 Hz"
 * ```
 */
export class KernelLog {
  /** Entries below this level are dropped. */
  level: LogLevel;
  /** Entries at or above this level also go to {@link KernelLog.output}. */
  outputLevel: LogLevel;
  /** The device formatted entries are written to, or `null`. */
  output: OutputDevice | null = null;
  private readonly capacity: number;
  private readonly buffer: LogEntry[] = [];
  private readonly sinks: LogSink[] = [];
  private sequence = 0;

  /** Creates an empty log. */
  constructor(options: KernelLogOptions = {}) {
    this.level = options.level ?? LogLevel.Debug;
    this.outputLevel = options.outputLevel ?? LogLevel.Warn;
    const capacity = options.capacity ?? 512;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`log capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  /** Adds a sink; returns a function that removes it. */
  addSink(sink: LogSink): () => void {
    this.sinks.push(sink);
    return () => {
      const i = this.sinks.indexOf(sink);
      if (i >= 0) this.sinks.splice(i, 1);
    };
  }

  /** Records a message from `source`. Multi-line messages stay one entry. */
  write(level: LogLevel, source: string, message: string): void {
    if (level < this.level) return;
    const entry: LogEntry = { level, source, message, sequence: this.sequence++ };
    this.buffer.push(entry);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    if (this.output && level >= this.outputLevel) this.output.write(formatLogEntry(entry));
    // A failing sink must not take the kernel down or starve the other sinks.
    for (const sink of [...this.sinks]) {
      try {
        sink(entry);
      } catch {
        // dropped on purpose: the log cannot report its own failures anywhere safer
      }
    }
  }

  /** The buffered entries, oldest first (at most the capacity). */
  entries(): readonly LogEntry[] {
    return [...this.buffer];
  }

  /** A logger that stamps `source` on every entry. */
  forSource(source: string): ComponentLog {
    return new ComponentLog(this, source);
  }
}

/**
 * The kernel log as one component sees it: each call stamps the component's name.
 *
 * @example
 * ```ts
 * const log = kernelLog.forSource("keyboard");
 * log.info("PS/2 keyboard ready");
 * ```
 */
export class ComponentLog {
  /** Wraps `log` for `source`. */
  constructor(
    private readonly log: KernelLog,
    /** The name stamped on entries. */
    readonly source: string,
  ) {}

  /** Logs at {@link LogLevel.Debug}. */
  debug(message: string): void {
    this.log.write(LogLevel.Debug, this.source, message);
  }
  /** Logs at {@link LogLevel.Info}. */
  info(message: string): void {
    this.log.write(LogLevel.Info, this.source, message);
  }
  /** Logs at {@link LogLevel.Warn}. */
  warn(message: string): void {
    this.log.write(LogLevel.Warn, this.source, message);
  }
  /** Logs at {@link LogLevel.Error}. */
  error(message: string): void {
    this.log.write(LogLevel.Error, this.source, message);
  }
}
