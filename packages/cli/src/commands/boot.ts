/**
 * `native-kit boot`: boots a Multiboot kernel or a ROM on the emulated PC, wires COM1 and
 * the VGA screen and keyboard to this terminal, and exits with the guest's verdict.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import {
  attachTerminalDisplay,
  BootError,
  bootMultiboot,
  bootRom,
  createMachine,
  debugExitStatus,
  type Machine,
  type StopReason,
} from "@native-kit/emulator";
import { BOOT_USAGE, parseBootOptions, UsageError, type BootOptions } from "./boot-options.js";
import { BootExit } from "./exit-status.js";

/** Ctrl+]: the byte that quits the terminal display (as in telnet and QEMU's monitor). */
const QUIT_BYTE = 0x1d;
const FRAME_MS = 33;
const FLUSH_MS = 20;

/** Where the command writes and reads; the process's streams by default. */
export interface BootStreams {
  /** Standard output (serial with `--serial stdio`, or the VGA screen). */
  stdout: NodeJS.WriteStream;
  /** Diagnostics. */
  stderr: NodeJS.WriteStream;
  /** Keyboard or serial input. */
  stdin: NodeJS.ReadStream;
}

/**
 * Runs `native-kit boot` with the arguments after `boot` and resolves to the exit status
 * (see {@link BootExit} and the usage text).
 *
 * @example
 * ```ts
 * process.exitCode = await bootCommand(["kernel.elf", "--serial", "stdio", "--timeout", "5"]);
 * ```
 */
export async function bootCommand(
  argv: readonly string[],
  streams: BootStreams = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<number> {
  const { stdout, stderr } = streams;
  const fail = (status: number, message: string): number => {
    stderr.write(`native-kit: ${message}\n`);
    return status;
  };
  let options: BootOptions;
  try {
    options = parseBootOptions(argv, stdout.isTTY === true);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    stderr.write(`native-kit boot: ${e.message}\n\n${BOOT_USAGE}`);
    return BootExit.Usage;
  }
  if (options.help) {
    stdout.write(BOOT_USAGE);
    return 0;
  }

  // Read every file first: a missing image is reported before anything starts.
  const read = (path: string, what: string): Uint8Array => {
    try {
      return readFileSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "error";
      throw new MissingFile(`cannot read ${what} '${path}' (${code})`);
    }
  };
  let machine: Machine;
  try {
    const image = read(options.kernel ?? options.rom!, options.kernel ? "kernel" : "ROM");
    const modules = options.modules.map((path) => ({ data: read(path, "module"), cmdline: path }));
    machine = createMachine({ memorySize: options.memorySize, clock: options.clock });
    if (options.kernel !== null) {
      bootMultiboot(machine, image, { cmdline: options.cmdline, modules });
    } else {
      bootRom(machine, image);
    }
  } catch (e) {
    if (e instanceof MissingFile) return fail(BootExit.MissingImage, e.message);
    if (e instanceof BootError) {
      return fail(BootExit.MalformedImage, `${options.kernel ?? options.rom}: ${e.message}`);
    }
    throw e;
  }
  return run(machine, options, streams);
}

class MissingFile extends Error {}

/** Wires the host to the machine, runs it, and turns the stop reason into a status. */
async function run(machine: Machine, options: BootOptions, streams: BootStreams): Promise<number> {
  const { stdout, stderr, stdin } = streams;
  const cleanups: (() => void)[] = [];
  let quit = false;
  let timedOut = false;

  // COM1 output, buffered and flushed in chunks.
  const serialFd = typeof options.serial === "object" ? openSync(options.serial.file, "w") : null;
  const pending: number[] = [];
  const flushSerial = () => {
    if (pending.length === 0) return;
    const chunk = Buffer.from(pending.splice(0));
    if (serialFd !== null) writeSync(serialFd, chunk);
    else if (options.serial === "stdio") stdout.write(chunk);
  };
  if (options.serial !== "none") {
    machine.on("serial", (b, port) => {
      if (port === 1) pending.push(b);
      if (pending.length >= 4096) flushSerial();
    });
    const timer = setInterval(flushSerial, FLUSH_MS);
    cleanups.push(() => {
      clearInterval(timer);
      flushSerial();
      if (serialFd !== null) closeSync(serialFd);
    });
  }
  if (options.post) {
    machine.on("post", (code) => {
      flushSerial(); // keep POST lines in order with the serial output before them
      stderr.write(`POST 0x${code.toString(16).padStart(2, "0")}\n`);
    });
  }

  // The VGA screen on the terminal, keyboard from raw stdin; Ctrl+] quits.
  if (options.display === "terminal") {
    const detach = attachTerminalDisplay(machine, {
      output: stdout,
      input: stdin,
      quitBytes: [QUIT_BYTE],
      onQuit: () => {
        quit = true;
        machine.stop();
      },
      frameMs: FRAME_MS,
    });
    cleanups.push(detach);
  } else if (options.serial === "stdio") {
    const onBytes = (data: Buffer) => machine.sendSerial(data);
    stdin.on("data", onBytes);
    cleanups.push(() => {
      stdin.off("data", onBytes);
      stdin.pause();
    });
  }

  const onSigint = () => {
    quit = true;
    machine.stop();
  };
  process.on("SIGINT", onSigint);
  cleanups.push(() => process.off("SIGINT", onSigint));
  if (options.timeoutSeconds !== null) {
    const timer = setTimeout(() => {
      timedOut = true;
      machine.stop();
    }, options.timeoutSeconds * 1000);
    cleanups.push(() => clearTimeout(timer));
  }

  let reason: StopReason;
  try {
    reason = (await machine.start()).reason;
  } catch (e) {
    for (const c of cleanups) c();
    stderr.write(`native-kit: internal emulator error: ${(e as Error).stack ?? String(e)}\n`);
    return BootExit.InternalError;
  }
  for (const c of cleanups) c();

  const eip = `EIP 0x${(machine.cpu.eip >>> 0).toString(16)}`;
  switch (reason) {
    case "exit":
      return debugExitStatus(machine.exitValue ?? 0);
    case "halt":
      return BootExit.Halted;
    case "triple-fault":
      stderr.write(`native-kit: triple fault: the guest CPU shut down (${eip})\n`);
      return BootExit.TripleFault;
    case "reset":
      stderr.write("native-kit: the guest requested a system reset\n");
      return BootExit.ResetRequest;
    default:
      if (timedOut) {
        stderr.write(
          `native-kit: timeout: the guest ran ${options.timeoutSeconds} s without exiting (${eip})\n`,
        );
        return BootExit.Timeout;
      }
      if (quit) return BootExit.Interrupted;
      stderr.write(`native-kit: the machine stopped unexpectedly (${reason})\n`);
      return BootExit.InternalError;
  }
}
