import { describe, expect, it } from "vitest";
import { parseBootOptions, parseMemorySize, UsageError } from "./boot-options.js";

describe("parseBootOptions", () => {
  it("reads a Multiboot boot with command line, modules and limits", () => {
    const o = parseBootOptions(
      [
        "k.elf",
        "--cmdline",
        "a b",
        "--module",
        "m1",
        "--module",
        "m2",
        "--memory",
        "64M",
        "--timeout",
        "2.5",
        "--post",
      ],
      false,
    );
    expect(o).toMatchObject({
      kernel: "k.elf",
      rom: null,
      cmdline: "a b",
      modules: ["m1", "m2"],
      memorySize: 64 << 20,
      serial: "stdio",
      display: "none",
      timeoutSeconds: 2.5,
      clock: "real",
      post: true,
    });
  });

  it("defaults to the terminal display (and no serial) when stdout is a terminal", () => {
    expect(parseBootOptions(["k.elf"], true)).toMatchObject({
      display: "terminal",
      serial: "none",
    });
    expect(parseBootOptions(["k.elf", "--serial", "out.txt"], true)).toMatchObject({
      serial: { file: "out.txt" },
    });
    expect(parseBootOptions(["--rom", "r.bin", "--clock", "virtual"], false)).toMatchObject({
      kernel: null,
      rom: "r.bin",
      clock: "virtual",
    });
  });

  it("rejects missing, doubled and conflicting images and bad values", () => {
    const bad = (args: string[]) => () => parseBootOptions(args, false);
    expect(bad([])).toThrow(/no kernel or --rom/);
    expect(bad(["a.elf", "b.elf"])).toThrow(/one kernel image, got 2/);
    expect(bad(["a.elf", "--rom", "r.bin"])).toThrow(/either a kernel or --rom/);
    expect(bad(["--rom", "r.bin", "--cmdline", "x"])).toThrow(/not to --rom/);
    expect(bad(["a.elf", "--display", "vnc"])).toThrow(/none or terminal/);
    expect(bad(["a.elf", "--display", "terminal", "--serial", "stdio"])).toThrow(
      /share the terminal/,
    );
    expect(bad(["a.elf", "--timeout", "soon"])).toThrow(/positive number of seconds/);
    expect(bad(["a.elf", "--clock", "fast"])).toThrow(/real or virtual/);
    expect(bad(["a.elf", "--frobnicate"])).toThrow(UsageError);
  });

  it("returns early for --help", () => {
    expect(parseBootOptions(["--help"], false).help).toBe(true);
  });
});

describe("parseMemorySize", () => {
  it("accepts bytes and K/M/G suffixes", () => {
    expect(parseMemorySize("16M")).toBe(16 << 20);
    expect(parseMemorySize("8MiB")).toBe(8 << 20);
    expect(parseMemorySize("4096k")).toBe(4 << 20);
    expect(parseMemorySize("1G")).toBe(1 << 30);
    expect(parseMemorySize(String(4 << 20))).toBe(4 << 20);
  });

  it("rejects sizes that are unreadable, too small, too big or not whole pages", () => {
    expect(() => parseMemorySize("lots")).toThrow(/cannot read 'lots'/);
    expect(() => parseMemorySize("1M")).toThrow(/between 2 MiB and 3 GiB/);
    expect(() => parseMemorySize("4G")).toThrow(UsageError);
    expect(() => parseMemorySize("3000001")).toThrow(/multiple of 4 KiB/);
  });
});
