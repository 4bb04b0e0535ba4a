/**
 * `pnpm bench`: runs the CPU-bound guest program (bench/workload.c, built by
 * bench/build.sh into guest.bin) on the emulated CPU, then the same workload natively,
 * and prints guest MIPS, wall time, the native time and the ratio.
 *
 * Usage: `pnpm bench [--scale N] [--no-native] [--phases]`; `--phases` also times each
 * phase of the workload on its own. Not a test: nothing here asserts on time.
 */

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { arch, cpus, loadavg, platform } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Cpu } from "../src/cpu/cpu.js";
import { IoBus } from "../src/io/io-bus.js";
import { PhysicalMemory } from "../src/memory/physical-memory.js";

const here = dirname(fileURLToPath(import.meta.url));
/** Where guest.bin is linked (guest.ld) and loaded. */
const GUEST_BASE = 0x0010_0000;
/** Where the guest reads its scale (guest-entry.c). */
const SCALE_ADDR = 0x0009_0000;
/** Where the guest reads its phase mask (0 = all phases). */
const PHASES_ADDR = 0x0009_0004;
/** The workload's phases and their mask bits (workload.h). */
const PHASES: [string, number][] = [
  ["integer loops", 1],
  ["crc32", 2],
  ["quicksort", 4],
  ["sieve", 8],
];
const USAGE = "usage: pnpm bench [--scale N] [--no-native] [--phases]";
/** Initial guest stack pointer. */
const STACK_TOP = 0x0080_0000;
const RAM_SIZE = 16 << 20;
/** Instructions per `run()` call: large, so the loop overhead is negligible. */
const BATCH = 20_000_000;
const DEFAULT_SCALE = 8;

interface Options {
  scale: number;
  native: boolean;
  phases: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { scale: DEFAULT_SCALE, native: true, phases: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-native") opts.native = false;
    else if (a === "--phases") opts.phases = true;
    else if (a === "--scale") {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1 || v > 10_000) {
        throw new Error(`--scale needs an integer from 1 to 10000, got "${argv[i] ?? ""}"`);
      }
      opts.scale = v;
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument "${a}" (${USAGE})`);
  }
  return opts;
}

interface GuestResult {
  instructions: number;
  seconds: number;
  /** CPU time of this process while the guest ran (user + system), in seconds. */
  cpuSeconds: number;
  checksum: number;
}

/**
 * Runs the guest image to its `hlt` and returns the instruction count, time and EAX.
 * `phases` selects workload phases (0 = all).
 */
function runGuest(scale: number, phases = 0): GuestResult {
  const image = readFileSync(join(here, "guest.bin"));
  const memory = new PhysicalMemory(RAM_SIZE);
  memory.load(GUEST_BASE, image);
  memory.write32(SCALE_ADDR, scale);
  memory.write32(PHASES_ADDR, phases);
  const cpu = new Cpu(memory, new IoBus());
  cpu.reset();
  cpu.enterFlatProtectedMode();
  cpu.eip = GUEST_BASE;
  cpu.regs[4] = STACK_TOP;
  let instructions = 0;
  let tripleFault = false;
  cpu.onTripleFault = () => {
    tripleFault = true;
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  while (!cpu.halted) {
    const ran = cpu.run(BATCH);
    instructions += ran;
    if (tripleFault) throw new Error(`the guest triple-faulted at eip=0x${cpu.eip.toString(16)}`);
    if (ran === 0 && !cpu.halted) throw new Error("the CPU stopped running without halting");
  }
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(c0);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const haltAt = cpu.eip >>> 0;
  if (haltAt < GUEST_BASE || haltAt > GUEST_BASE + image.length) {
    // A fault with no IDT set up ends in a halt elsewhere; say so rather than print MIPS.
    throw new Error(`the guest halted outside its image (eip=0x${haltAt.toString(16)})`);
  }
  return { instructions, seconds, cpuSeconds, checksum: cpu.regs[0]! >>> 0 };
}

interface NativeResult {
  seconds: number;
  checksum: number;
}

/**
 * Runs bench/native-bench (best of 3) on the phases in `phases` (0 = all); null with a
 * printed reason when it cannot run.
 */
function runNative(scale: number, phases = 0): NativeResult | null {
  const exe = join(here, "native-bench");
  const args = [String(scale), "3", ...(phases ? [String(phases)] : [])];
  const run = spawnSync(exe, args, { encoding: "utf8" });
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : `exit status ${run.status}: ${run.stderr.trim()}`;
    console.log(`native: skipped — ${exe} cannot run on this host (${why})`);
    return null;
  }
  const m = /checksum=([0-9a-f]+) seconds=([0-9.]+)/.exec(run.stdout);
  if (!m) {
    console.log(`native: skipped — unexpected output from ${exe}: ${run.stdout.trim()}`);
    return null;
  }
  return { checksum: parseInt(m[1]!, 16), seconds: Number(m[2]) };
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const hex = (v: number): string => v.toString(16).padStart(8, "0");
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`Native Kit emulator benchmark — bench/workload.c at scale ${opts.scale}`);
  console.log(
    `host: ${cpu}, ${cpus().length} cores, ${platform()}/${arch()}, Node ${process.version}`,
  );
  const load = loadavg()[0] ?? 0;
  if (load > cpus().length * 0.5) {
    // Other processes compete for the cores: both timings shrink, the ratio less so.
    console.log(
      `note: load average ${load.toFixed(1)} on ${cpus().length} cores; figures are lower bounds`,
    );
  }
  if (opts.phases) phaseTable(opts);
  const guest = runGuest(opts.scale);
  const mips = guest.instructions / guest.seconds / 1e6;
  const cpuMips = guest.instructions / guest.cpuSeconds / 1e6;
  console.log(
    `emulator: ${(guest.instructions / 1e6).toFixed(1)} M guest instructions in ` +
      `${guest.seconds.toFixed(3)} s = ${mips.toFixed(1)} MIPS (checksum ${hex(guest.checksum)})`,
  );
  // Under load, wall time includes waiting for a core; CPU time does not.
  console.log(
    `emulator CPU time: ${guest.cpuSeconds.toFixed(3)} s = ${cpuMips.toFixed(1)} MIPS per CPU-second`,
  );
  if (!opts.native) {
    console.log("native: skipped (--no-native)");
    return;
  }
  const native = runNative(opts.scale);
  if (!native) return;
  const nativeMips = guest.instructions / native.seconds / 1e6;
  console.log(
    `native: ${native.seconds.toFixed(4)} s (best of 3) ≈ ${nativeMips.toFixed(0)} MIPS ` +
      `(checksum ${hex(native.checksum)})`,
  );
  console.log(
    `ratio: the emulator takes ${(guest.seconds / native.seconds).toFixed(1)}× the native time`,
  );
  if (native.checksum !== guest.checksum) {
    console.error(
      `checksum mismatch: emulator ${hex(guest.checksum)} vs native ${hex(native.checksum)} — ` +
        "the emulated CPU computed a different result",
    );
    process.exitCode = 1;
  }
}

/** Times each phase alone, guest and native, as a table. */
function phaseTable(opts: Options): void {
  console.log("per phase (each run alone):");
  for (const [name, bit] of PHASES) {
    const guest = runGuest(opts.scale, bit);
    const mips = guest.instructions / guest.seconds / 1e6;
    let line =
      `  ${name.padEnd(14)} ${(guest.instructions / 1e6).toFixed(1).padStart(7)} M instr ` +
      `${guest.seconds.toFixed(3).padStart(7)} s ${mips.toFixed(1).padStart(7)} MIPS`;
    const native = opts.native ? runNative(opts.scale, bit) : null;
    if (native) {
      line += `   native ${native.seconds.toFixed(4)} s, ratio ${(guest.seconds / native.seconds).toFixed(0)}×`;
      if (native.checksum !== guest.checksum) {
        line += " (checksum mismatch)";
        process.exitCode = 1;
      }
    }
    console.log(line);
  }
}

try {
  main();
} catch (e) {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
}
