/**
 * `pnpm start` (here or at the repository root): boots the SimpleKernel on an emulated PC.
 *
 * On a terminal the VGA screen is drawn live and stays up after the ring-3 program has
 * exited, until Ctrl+C (or Ctrl+]) quits. Otherwise (output piped to a file or another
 * program) the kernel runs to the program's exit and the screen is printed as text.
 */
import { attachTerminalDisplay, createMachine } from "@native-kit/emulator";
import { bootSimpleKernel } from "./simple-kernel.js";

const CTRL_C = 0x03;
const CTRL_RIGHT_BRACKET = 0x1d;

if (process.stdout.isTTY) {
  const machine = createMachine({ clock: "real" });
  let quit!: () => void;
  const quitted = new Promise<void>((resolve) => (quit = resolve));
  const stop = () => {
    machine.stop();
    quit();
  };
  const detach = attachTerminalDisplay(machine, {
    output: process.stdout,
    input: process.stdin,
    quitBytes: [CTRL_C, CTRL_RIGHT_BRACKET],
    onQuit: stop,
  });
  process.once("SIGINT", stop); // when stdin is not a terminal, Ctrl+C arrives as a signal
  const kernel = bootSimpleKernel(machine);
  await machine.start(); // returns once the kernel idles with nothing left to wake it
  await quitted;
  detach();
  const status = kernel.syscalls.lastExit?.status;
  process.stdout.write(`\n[ring-3 program exited with status ${status ?? "?"}; quit]\n`);
  process.exit(0);
} else {
  const machine = createMachine();
  const kernel = bootSimpleKernel(machine);
  machine.runUntil(() => kernel.syscalls.lastExit !== null, { maxInstructions: 10_000_000 });
  const lines = machine.vga.text().map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  console.log(lines.join("\n"));
  console.log(`\n[program exited with status ${kernel.syscalls.lastExit?.status ?? "?"}]`);
}
