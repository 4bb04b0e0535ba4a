/** The arguments of `native-kit boot`, parsed and checked. */
import { parseArgs } from "node:util";

/** Usage text of `native-kit boot`. */
export const BOOT_USAGE = `usage: native-kit boot KERNEL.elf [--cmdline S] [--module FILE]... [options]
       native-kit boot --rom ROM.bin [options]

Boots a Multiboot v1 ELF kernel, or a 64/128 KiB BIOS-replacement ROM at the reset
vector, on the emulated PC.

options:
  --cmdline S          kernel command line (Multiboot)
  --module FILE        load FILE as a Multiboot module (repeatable)
  --rom FILE           boot a ROM image instead of a kernel
  --memory SIZE        RAM size: bytes or with K, M or G suffix (default 32M)
  --serial stdio|none|FILE
                       where COM1 goes (default: stdio, or none with --display terminal);
                       with stdio, standard input is typed into COM1
  --display none|terminal
                       draw the VGA text screen on this terminal, keyboard from stdin
                       (default: terminal when stdout is a terminal); Ctrl+] quits
  --timeout S          stop after S seconds of host time
  --clock real|virtual guest timers follow host time (default) or the instruction count
  --post               print POST codes written to port 0x80 on stderr
  -h, --help           show this text

exit status:
  (value << 1) | 1     the guest wrote value to the debug-exit port 0xF4
  0                    the guest halted with interrupts disabled
  2                    bad arguments
  4                    missing or unreadable image
  6                    malformed image (not ELF, no Multiboot header, bad ROM size, does not fit)
  8                    triple fault
  10                   timeout
  12                   the guest requested a system reset
  14                   internal emulator error
  130                  interrupted (Ctrl+] or SIGINT)
`;

/** What `native-kit boot` was asked to do. */
export interface BootOptions {
  /** Path of the Multiboot kernel, or null with `rom`. */
  kernel: string | null;
  /** Path of the ROM image, or null with `kernel`. */
  rom: string | null;
  /** Kernel command line. */
  cmdline: string;
  /** Module paths, in order. */
  modules: string[];
  /** RAM in bytes. */
  memorySize: number;
  /** COM1's destination: standard I/O, nowhere, or a file path. */
  serial: "stdio" | "none" | { file: string };
  /** Whether the VGA screen is drawn on the terminal. */
  display: "none" | "terminal";
  /** Host seconds before giving up, or null for no limit. */
  timeoutSeconds: number | null;
  /** The machine's clock. */
  clock: "real" | "virtual";
  /** Print POST codes. */
  post: boolean;
  /** Only print the usage. */
  help: boolean;
}

/** A usage mistake, reported with the usage text and status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

const SIZE_UNITS: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/**
 * Parses a memory size: a byte count or a number with a K, M or G suffix (binary units,
 * optional "iB"/"B").
 *
 * @example
 * ```ts
 * parseMemorySize("64M"); // 67108864
 * ```
 */
export function parseMemorySize(text: string): number {
  const m = /^(\d+)\s*([KMG]?)(?:i?B)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--memory: cannot read '${text}' as a size (try 32M)`);
  const bytes = Number(m[1]) * SIZE_UNITS[m[2]!.toUpperCase()]!;
  if (bytes < 2 * 1024 ** 2 || bytes > 3 * 1024 ** 3 || bytes % 4096 !== 0) {
    throw new UsageError(`--memory: ${text} is not a multiple of 4 KiB between 2 MiB and 3 GiB`);
  }
  return bytes;
}

/**
 * Parses the arguments after `boot`. `stdoutIsTerminal` picks the default display.
 *
 * @throws {@link UsageError} for unknown options, missing or conflicting images, or
 * malformed values.
 */
export function parseBootOptions(argv: readonly string[], stdoutIsTerminal: boolean): BootOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        cmdline: { type: "string" },
        module: { type: "string", multiple: true },
        rom: { type: "string" },
        memory: { type: "string" },
        serial: { type: "string" },
        display: { type: "string" },
        timeout: { type: "string" },
        clock: { type: "string" },
        post: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const base: BootOptions = {
    kernel: null,
    rom: null,
    cmdline: v.cmdline ?? "",
    modules: v.module ?? [],
    memorySize: 32 * 1024 ** 2,
    serial: "stdio",
    display: "none",
    timeoutSeconds: null,
    clock: "real",
    post: v.post ?? false,
    help: v.help ?? false,
  };
  if (base.help) return base;

  const positionals = parsed.positionals;
  if (positionals.length > 1) {
    throw new UsageError(`expected one kernel image, got ${positionals.length}`);
  }
  base.kernel = positionals[0] ?? null;
  base.rom = v.rom ?? null;
  if (base.kernel === null && base.rom === null)
    throw new UsageError("no kernel or --rom image given");
  if (base.kernel !== null && base.rom !== null) {
    throw new UsageError("give either a kernel or --rom, not both");
  }
  if (base.rom !== null && (v.cmdline !== undefined || base.modules.length > 0)) {
    throw new UsageError("--cmdline and --module apply to Multiboot kernels, not to --rom");
  }
  if (v.memory !== undefined) base.memorySize = parseMemorySize(v.memory);

  if (v.display !== undefined && v.display !== "none" && v.display !== "terminal") {
    throw new UsageError(`--display must be none or terminal, got '${v.display}'`);
  }
  base.display = v.display ?? (stdoutIsTerminal ? "terminal" : "none");

  if (v.serial === undefined) base.serial = base.display === "terminal" ? "none" : "stdio";
  else if (v.serial === "stdio" || v.serial === "none") base.serial = v.serial;
  else if (v.serial === "") throw new UsageError("--serial needs stdio, none or a file name");
  else base.serial = { file: v.serial };
  if (base.serial === "stdio" && base.display === "terminal") {
    throw new UsageError(
      "--serial stdio and --display terminal would share the terminal; use --serial FILE",
    );
  }

  if (v.timeout !== undefined) {
    const s = Number(v.timeout);
    if (!Number.isFinite(s) || s <= 0) {
      throw new UsageError(`--timeout must be a positive number of seconds, got '${v.timeout}'`);
    }
    base.timeoutSeconds = s;
  }
  if (v.clock !== undefined && v.clock !== "real" && v.clock !== "virtual") {
    throw new UsageError(`--clock must be real or virtual, got '${v.clock}'`);
  }
  base.clock = v.clock === "virtual" ? "virtual" : "real";
  return base;
}
