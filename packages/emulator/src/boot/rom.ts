/**
 * The BIOS-replacement ROM boot path: the image is mapped so it ends at 1 MiB (and is
 * aliased below 4 GiB) and the CPU starts at the reset vector F000:FFF0 in real mode, the
 * way a PC starts its firmware. This is how CPU test ROMs and tiny real-mode programs run.
 */
import type { Cpu } from "../cpu/cpu.js";
import type { PhysicalMemory } from "../memory/physical-memory.js";
import { BootError } from "./boot-error.js";

/** The sizes a ROM image may have. */
export const ROM_SIZES = [0x10000, 0x20000] as const;

/** What a ROM boot needs from the machine. */
export interface RomTarget {
  /** Where the ROM is mapped. */
  readonly memory: PhysicalMemory;
  /** The CPU that is reset to the reset vector. */
  readonly cpu: Pick<Cpu, "reset">;
}

/**
 * Maps a 64 or 128 KiB ROM image and resets the CPU to the reset vector.
 *
 * @throws {@link BootError} `bad-rom-size` for any other size (a truncated or padded image).
 *
 * @example
 * ```ts
 * const machine = createMachine();
 * bootRom(machine, readFileSync("test.rom"));
 * ```
 */
export function bootRom(target: RomTarget, image: Uint8Array): void {
  if (!ROM_SIZES.includes(image.length as 0x10000 | 0x20000)) {
    throw new BootError(
      "bad-rom-size",
      `ROM image is ${image.length} bytes; a BIOS-replacement ROM must be exactly ` +
        "65536 (64 KiB) or 131072 (128 KiB) bytes",
    );
  }
  target.memory.loadRom(image);
  target.cpu.reset();
}
