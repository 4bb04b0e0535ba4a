/**
 * `pnpm start` in this example: boots the SimpleKernel on an emulated PC, runs it until
 * its ring-3 program exits, and prints the VGA screen. (`pnpm start` at the repository
 * root runs it interactively in the terminal through the CLI.)
 */
import { createMachine } from "@native-kit/emulator";
import { bootSimpleKernel } from "./simple-kernel.js";

const machine = createMachine();
const kernel = bootSimpleKernel(machine);
machine.runUntil(() => kernel.syscalls.lastExit !== null, { maxInstructions: 10_000_000 });
const lines = machine.vga.text().map((l) => l.trimEnd());
while (lines.length > 0 && lines.at(-1) === "") lines.pop();
console.log(lines.join("\n"));
console.log(`\n[program exited with status ${kernel.syscalls.lastExit?.status ?? "?"}]`);
