/**
 * A kernel with one component: the `Video` console. `start()` writes through it.
 */
import { Video } from "@native-kit/arch-x86";
import type { Machine } from "@native-kit/emulator";
import { System } from "@native-kit/system";

/**
 * Installs `Video` and says hello.
 *
 * @example
 * ```ts
 * const machine = createMachine();
 * new HelloVideo(machine).boot();
 * machine.vga.text()[0]; // "Hello World!…"
 * ```
 */
export class HelloVideo extends System<Machine> {
  /** The console. */
  readonly video = new Video();

  constructor(machine: Machine) {
    super(machine);
    this.install(this.video); // the VGA text console: clears the screen at init
  }

  override start(): void {
    this.video.write("Hello World!");
  }
}

/** Boots {@link HelloVideo} on `machine` and returns it. */
export function bootHelloVideo(machine: Machine): HelloVideo {
  const kernel = new HelloVideo(machine);
  kernel.boot();
  return kernel;
}
