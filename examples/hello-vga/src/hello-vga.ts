/**
 * The smallest kernel: no components at all. `start()` writes `HELLO WORLD` with a colour
 * attribute straight into the VGA text buffer at physical 0xB8000, the way the original
 * kit's ARCH-layer example did from C.
 */
import type { Machine } from "@native-kit/emulator";
import { System } from "@native-kit/system";

/** Physical address of the colour text buffer: 80×25 cells of (character, attribute). */
export const VGA_TEXT = 0xb8000;
/** The attribute used: bright white (15) on blue (1). */
export const HELLO_ATTRIBUTE = 0x1f;
/** The text written. */
export const HELLO_TEXT = "HELLO WORLD";

/**
 * A kernel that pokes the text buffer directly.
 *
 * @example
 * ```ts
 * const machine = createMachine();
 * new HelloVga(machine).boot();
 * machine.vga.text()[0]; // "HELLO WORLD…"
 * ```
 */
export class HelloVga extends System<Machine> {
  override start(): void {
    const { memory } = this.machine;
    for (let i = 0; i < HELLO_TEXT.length; i++) {
      // Each cell is two bytes: the code-page-437 character, then the colour attribute.
      memory.write8(VGA_TEXT + i * 2, HELLO_TEXT.charCodeAt(i));
      memory.write8(VGA_TEXT + i * 2 + 1, HELLO_ATTRIBUTE);
    }
  }
}

/** Boots {@link HelloVga} on `machine` and returns it. */
export function bootHelloVga(machine: Machine): HelloVga {
  const kernel = new HelloVga(machine);
  kernel.boot();
  return kernel;
}
