import { describe, expect, it } from "vitest";
import { driverRig } from "../../test/fake-machine.js";
import { Serial } from "./serial.js";

/** A 16550 stand-in: records transmitted bytes and serves a receive queue. */
function uart(r: ReturnType<typeof driverRig>, opts: { stuck?: boolean } = {}) {
  const sent: number[] = [];
  const rx: number[] = [];
  const regs: number[] = [];
  r.machine.io.register(0x3f8, 8, {
    read: (port) => {
      const reg = port - 0x3f8;
      if (reg === 5) return (opts.stuck ? 0 : 0x60) | (rx.length ? 1 : 0);
      if (reg === 0) return rx.shift() ?? 0;
      return 0;
    },
    write: (port, _s, v) => {
      const reg = port - 0x3f8;
      regs.push(reg, v);
      if (reg === 0 && (regs.includes(3) ? lastLcr() & 0x80 : 0) === 0) sent.push(v);
    },
  });
  const lastLcr = (): number => {
    for (let i = regs.length - 2; i >= 0; i -= 2) if (regs[i] === 3) return regs[i + 1]!;
    return 0;
  };
  return { sent, rx, regs };
}

describe("Serial", () => {
  it("programs 8N1 with the baud divisor and sends text with CR LF", () => {
    const r = driverRig();
    const u = uart(r);
    const serial = r.system.install(new Serial({ baud: 9600 }));
    r.system.boot();
    expect(u.regs.slice(0, 10)).toEqual([1, 0, 3, 0x80, 0, 12, 1, 0, 3, 0x03]);
    serial.write("hi\n");
    expect(String.fromCharCode(...u.sent)).toBe("hi\r\n");
  });

  it("receives bytes on IRQ 4", () => {
    const r = driverRig();
    const u = uart(r);
    const serial = r.system.install(new Serial());
    r.system.boot();
    const got: string[] = [];
    serial.onData((t) => void got.push(t));
    u.rx.push(0x6f, 0x6b);
    r.raise(4);
    expect(got).toEqual(["ok"]);
    expect([...serial.read()]).toEqual([0x6f, 0x6b]);
  });

  it("hands out received lines whatever their terminator", () => {
    const r = driverRig();
    const u = uart(r);
    const serial = r.system.install(new Serial());
    r.system.boot();
    u.rx.push(...new TextEncoder().encode("ls -l\r\nécho\rpartial"));
    r.raise(4);
    expect(serial.readLine()).toBe("ls -l");
    expect(serial.readLine()).toBe("écho");
    expect(serial.readLine()).toBeNull();
    expect(new TextDecoder().decode(serial.read())).toBe("partial");
  });

  it("copies the kernel log to the port when asked", () => {
    const r = driverRig();
    const u = uart(r);
    r.system.install(new Serial({ log: true }));
    r.system.boot();
    r.system.log.forSource("test").info("ping");
    expect(String.fromCharCode(...u.sent)).toContain("[info] test: ping\r\n");
  });

  it("drops bytes when the transmitter never empties, instead of hanging", () => {
    const r = driverRig();
    uart(r, { stuck: true });
    const serial = r.system.install(new Serial());
    r.system.boot();
    serial.write("x");
    expect(serial.dropped).toBe(1);
  });

  it("rejects a baud rate that does not divide 115200", () => {
    expect(() => new Serial({ baud: 100000 })).toThrow(/baud rate/);
  });
});
