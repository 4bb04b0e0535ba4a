/**
 * `pnpm start`: boots the kernel on an emulated PC and prints its VGA screen.
 */
import { createMachine } from "@native-kit/emulator";
import { bootHelloVga } from "./hello-vga.js";

const machine = createMachine();
bootHelloVga(machine);
const lines = machine.vga.text().map((l) => l.trimEnd());
while (lines.length > 0 && lines.at(-1) === "") lines.pop();
console.log(lines.join("\n"));
