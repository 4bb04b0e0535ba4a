/**
 * The PC's 64 KiB I/O port space (`in`/`out`). Devices register handlers for the ports
 * they decode; a port nobody decodes reads as all ones and ignores writes, as on an ISA bus.
 */

/** A device's view of the port accesses that reach it. */
export interface PortHandler {
  /** Reads `size` (1, 2 or 4) bytes from `port`. */
  read(port: number, size: 1 | 2 | 4): number;
  /** Writes `size` (1, 2 or 4) bytes to `port`. */
  write(port: number, size: 1 | 2 | 4, value: number): void;
}

const OPEN_BUS: PortHandler = {
  read: (_port, size) => (size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff),
  write: () => {},
};

/**
 * Port dispatch by table lookup: one handler slot per port, so an `in` or `out` costs one
 * array read and one call.
 *
 * @example
 * ```ts
 * const io = new IoBus();
 * io.register(0x80, 1, { read: () => 0xff, write: (_p, _s, v) => console.log("POST", v) });
 * io.write8(0x80, 0x42);
 * ```
 */
export class IoBus {
  private readonly handlers: PortHandler[] = new Array<PortHandler>(0x10000).fill(OPEN_BUS);
  /** Called with each port access nobody decodes (for diagnostics); off by default. */
  onUnhandled: ((port: number, size: 1 | 2 | 4, write: boolean) => void) | null = null;

  /** Routes ports `[port, port + count)` to `handler`; a port may have only one handler. */
  register(port: number, count: number, handler: PortHandler): void {
    if (port < 0 || count < 1 || port + count > 0x10000) {
      throw new RangeError(`port range 0x${port.toString(16)}+${count} is outside 0..0xFFFF`);
    }
    for (let p = port; p < port + count; p++) {
      if (this.handlers[p] !== OPEN_BUS) {
        throw new Error(`I/O port 0x${p.toString(16)} already has a handler`);
      }
    }
    for (let p = port; p < port + count; p++) this.handlers[p] = handler;
  }

  /** Removes the handlers of ports `[port, port + count)`. */
  unregister(port: number, count: number): void {
    for (let p = port; p < port + count && p < 0x10000; p++) this.handlers[p] = OPEN_BUS;
  }

  /** True when some device decodes `port`. */
  isRegistered(port: number): boolean {
    return this.handlers[port & 0xffff] !== OPEN_BUS;
  }

  /** `in al, port`. */
  read8(port: number): number {
    return this.access(port, 1, false, 0) & 0xff;
  }
  /** `in ax, port`. */
  read16(port: number): number {
    return this.access(port, 2, false, 0) & 0xffff;
  }
  /** `in eax, port`. */
  read32(port: number): number {
    return this.access(port, 4, false, 0) >>> 0;
  }
  /** `out port, al`. */
  write8(port: number, value: number): void {
    this.access(port, 1, true, value & 0xff);
  }
  /** `out port, ax`. */
  write16(port: number, value: number): void {
    this.access(port, 2, true, value & 0xffff);
  }
  /** `out port, eax`. */
  write32(port: number, value: number): void {
    this.access(port, 4, true, value >>> 0);
  }

  private access(port: number, size: 1 | 2 | 4, write: boolean, value: number): number {
    port &= 0xffff;
    const h = this.handlers[port]!;
    if (h === OPEN_BUS && this.onUnhandled) this.onUnhandled(port, size, write);
    if (write) {
      h.write(port, size, value);
      return 0;
    }
    return h.read(port, size);
  }
}
