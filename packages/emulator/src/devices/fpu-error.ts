/**
 * The PC/AT wiring of the coprocessor's error signal. With CR0.NE clear the CPU does not
 * raise `#MF`; instead the x87's FERR# drives IRQ 13 through the slave PIC, and it stays
 * asserted until the handler writes to port 0xF0 (which also clears the coprocessor's
 * BUSY latch on the AT). DOS-era and some Linux configurations rely on this path.
 */
import type { IoBus } from "../io/io-bus.js";
import type { IrqSink } from "./pic.js";

/** IRQ line that FERR# drives on a PC/AT. */
export const FPU_ERROR_IRQ = 13;

/**
 * FERR# latch on IRQ 13, cleared through port 0xF0.
 *
 * @example
 * ```ts
 * const ferr = new FpuErrorLatch(pic);
 * ferr.attach(io);
 * cpu.onFpuIrq = () => ferr.assert();
 * ```
 */
export class FpuErrorLatch {
  /** True while FERR# holds IRQ 13 asserted. */
  asserted = false;

  constructor(private readonly pic: IrqSink) {}

  /** Decodes port 0xF0 (write: clear the error, as the AT's "clear busy" port). */
  attach(io: IoBus): void {
    io.register(0xf0, 1, {
      read: () => 0xff,
      write: () => this.clear(),
    });
  }

  /** FERR# goes active: the x87 reported an unmasked exception at a waiting instruction. */
  assert(): void {
    this.asserted = true;
    this.pic.setIrq(FPU_ERROR_IRQ, true);
  }

  /** Releases IRQ 13 (port 0xF0 write, or reset). */
  clear(): void {
    if (!this.asserted) return;
    this.asserted = false;
    this.pic.setIrq(FPU_ERROR_IRQ, false);
  }

  /** Power-on state: FERR# inactive. */
  reset(): void {
    this.clear();
  }
}
