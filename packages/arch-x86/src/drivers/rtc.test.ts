import { System } from "@native-kit/system";
import { describe, expect, it } from "vitest";
import { fakeMachine } from "../../test/fake-machine.js";
import type { X86Machine } from "../x86-machine.js";
import { fromBcd, Rtc } from "./rtc.js";

function rig(regs: Record<number, number>) {
  const machine = fakeMachine();
  let index = 0;
  machine.io.register(0x70, 2, {
    read: (port) => (port === 0x71 ? (regs[index] ?? 0) : 0xff),
    write: (port, _s, v) => {
      if (port === 0x70) index = v & 0x7f;
    },
  });
  const system = new System<X86Machine>(machine);
  const rtc = system.install(new Rtc());
  system.boot();
  return rtc;
}

describe("Rtc", () => {
  it("reads a BCD, 24-hour clock with a century register", () => {
    const rtc = rig({
      0: 0x52,
      2: 0x05,
      4: 0x13,
      7: 0x25,
      8: 0x11,
      9: 0x26,
      0x0b: 0x02,
      0x32: 0x20,
    });
    expect(rtc.now().toISOString()).toBe("2026-11-25T13:05:52.000Z");
  });

  it("reads a binary, 12-hour clock (PM bit)", () => {
    const rtc = rig({ 0: 7, 2: 30, 4: 0x80 | 1, 7: 1, 8: 2, 9: 99, 0x0b: 0x04, 0x32: 19 });
    expect(rtc.now().toISOString()).toBe("1999-02-01T13:30:07.000Z");
  });

  it("refuses an impossible date with a clear error", () => {
    expect(() => rig({ 0: 0x99, 8: 0x01, 7: 0x01, 0x0b: 0x02 })).toThrow(/invalid time/);
  });

  it("decodes BCD", () => {
    expect(fromBcd(0x59)).toBe(59);
  });
});
