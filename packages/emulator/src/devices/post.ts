/**
 * The POST diagnostic port 0x80: firmware and kernels write progress codes to it (and
 * use it for tiny I/O delays). The card on real hardware shows the last code on two
 * seven-segment digits; here it is kept and reported to a listener.
 */
import type { IoBus } from "../io/io-bus.js";

/**
 * POST-code latch on port 0x80.
 *
 * @example
 * ```ts
 * const post = new PostPort();
 * post.attach(io);
 * post.onCode = (code) => console.error(`POST ${code.toString(16)}`);
 * ```
 */
export class PostPort {
  /** Called with every code written. */
  onCode: ((code: number) => void) | null = null;
  /** The last code written (0 after reset). */
  lastCode = 0;

  /** Decodes port 0x80. */
  attach(io: IoBus): void {
    io.register(0x80, 1, {
      read: () => this.lastCode,
      write: (_port, _size, value) => {
        this.lastCode = value & 0xff;
        this.onCode?.(this.lastCode);
      },
    });
  }

  /** Clears the latched code. */
  reset(): void {
    this.lastCode = 0;
  }
}
