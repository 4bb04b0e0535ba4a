import { describe, expect, it } from "vitest";
import { formatLogEntry, KernelLog, LogLevel, type LogEntry } from "./kernel-log.js";

describe("KernelLog", () => {
  it("drops entries below its level and numbers the rest", () => {
    const log = new KernelLog({ level: LogLevel.Info });
    log.write(LogLevel.Debug, "k", "hidden");
    log.write(LogLevel.Info, "k", "one");
    log.write(LogLevel.Error, "k", "two");
    expect(log.entries().map((e) => [e.message, e.sequence])).toEqual([
      ["one", 0],
      ["two", 1],
    ]);
  });

  it("keeps only the newest entries up to its capacity", () => {
    const log = new KernelLog({ capacity: 2 });
    for (const m of ["a", "b", "c"]) log.write(LogLevel.Info, "k", m);
    expect(log.entries().map((e) => e.message)).toEqual(["b", "c"]);
    expect(() => new KernelLog({ capacity: 0 })).toThrow(RangeError);
  });

  it("feeds sinks, survives a throwing sink, and removes sinks", () => {
    const log = new KernelLog();
    const got: LogEntry[] = [];
    log.addSink(() => {
      throw new Error("broken sink");
    });
    const remove = log.addSink((e) => void got.push(e));
    log.forSource("timer").warn("late tick");
    remove();
    log.forSource("timer").error("ignored by the removed sink");
    expect(got.map(formatLogEntry)).toEqual(["[warn] timer: late tick\n"]);
  });

  it("writes entries at or above the output level to the output device", () => {
    const log = new KernelLog({ outputLevel: LogLevel.Info });
    const out: string[] = [];
    log.output = { write: (t) => void out.push(t) };
    log.forSource("vga").debug("not shown");
    log.forSource("vga").info("shown");
    expect(out).toEqual(["[info] vga: shown\n"]);
  });
});
