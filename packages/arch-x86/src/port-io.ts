/**
 * Port I/O helpers: `inb`/`outb` and friends for drivers, over the machine's I/O bus.
 */
import type { IoBus } from "@native-kit/emulator";

/**
 * The `in`/`out` instructions as functions, for host-side drivers.
 *
 * A TypeScript driver runs on the host, so it reaches device registers through the same
 * bus the CPU's `in`/`out` instructions use: the device cannot tell the difference.
 *
 * @example
 * ```ts
 * const ports = new PortIo(machine.io);
 * ports.outb(0x3d4, 0x0f); // select the CRTC cursor-low register
 * ports.inb(0x3d5);
 * ```
 */
export class PortIo {
  /** Wraps `bus`. */
  constructor(private readonly bus: IoBus) {}

  /** Reads a byte from `port`. */
  inb(port: number): number {
    return this.bus.read8(checkPort(port));
  }
  /** Reads a 16-bit word from `port`. */
  inw(port: number): number {
    return this.bus.read16(checkPort(port));
  }
  /** Reads a 32-bit doubleword from `port` (unsigned). */
  inl(port: number): number {
    return this.bus.read32(checkPort(port));
  }
  /** Writes the low byte of `value` to `port`. */
  outb(port: number, value: number): void {
    this.bus.write8(checkPort(port), value);
  }
  /** Writes the low 16 bits of `value` to `port`. */
  outw(port: number, value: number): void {
    this.bus.write16(checkPort(port), value);
  }
  /** Writes `value` to `port` as 32 bits. */
  outl(port: number, value: number): void {
    this.bus.write32(checkPort(port), value);
  }
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 0xffff) {
    throw new RangeError(`I/O port must be an integer in 0..0xFFFF, got ${port}`);
  }
  return port;
}
