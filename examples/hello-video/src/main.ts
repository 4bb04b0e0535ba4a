/**
 * `pnpm start`: boots the kernel on an emulated PC and prints its VGA screen.
 */
import { createMachine } from "@native-kit/emulator";
import { bootHelloVideo } from "./hello-video.js";

const machine = createMachine();
bootHelloVideo(machine);
const lines = machine.vga.text().map((l) => l.trimEnd());
while (lines.length > 0 && lines.at(-1) === "") lines.pop();
console.log(lines.join("\n"));
