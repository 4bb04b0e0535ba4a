import { describe, expect, it } from "vitest";
import { FakeFpuHost } from "../../../test/x87/fake-fpu-host.js";
import { environmentSize, loadEnvironment, saveSize, storeEnvironment } from "./environment.js";
import { X87State } from "./x87-state.js";

function state(): X87State {
  const st = new X87State();
  st.init();
  st.cw = 0x027f;
  st.setStatusWord(0x3800 | 0x4001);
  st.emptyMask = 0x7f; // physical 7 in use
  st.se[7] = 0x3fff;
  st.hi[7] = 0x80000000;
  st.fip = 0x12345;
  st.fcs = 0x1000;
  st.fop = 0x5e9;
  st.fdp = 0x6789;
  st.fds = 0x2000;
  return st;
}

describe("environment images", () => {
  it("have the sizes of the four layouts", () => {
    expect([environmentSize(16), environmentSize(32), saveSize(16), saveSize(32)]).toEqual([
      14, 28, 94, 108,
    ]);
  });

  it("store the 16-bit protected-mode layout", () => {
    const host = new FakeFpuHost(0x100);
    storeEnvironment(state(), host, 0, 16, false);
    const words = Array.from({ length: 7 }, (_, i) => host.readU16(2 * i));
    expect(words).toEqual([0x027f, 0x7801, 0x3fff, 0x2345, 0x1000, 0x6789, 0x2000]);
  });

  it("store the real-mode layouts with 20-bit linear pointers and the opcode", () => {
    const host = new FakeFpuHost(0x100);
    storeEnvironment(state(), host, 0, 16, true);
    // ip = 0x1000 * 16 + 0x12345 = 0x22345; dp = 0x20000 + 0x6789 = 0x26789
    expect(host.readU16(6)).toBe(0x2345);
    expect(host.readU16(8)).toBe((0x2 << 12) | 0x5e9);
    expect(host.readU16(10)).toBe(0x6789);
    expect(host.readU16(12)).toBe(0x2 << 12);
    storeEnvironment(state(), host, 0x40, 32, true);
    expect(host.readU32(0x40 + 16)).toBe((0x2 << 12) | 0x5e9);
  });

  it("load back what they stored in every layout", () => {
    for (const size of [16, 32] as const) {
      for (const real of [false, true]) {
        const host = new FakeFpuHost(0x100);
        storeEnvironment(state(), host, 0, size, real);
        const st = new X87State();
        loadEnvironment(st, host, 0, size, real);
        expect([st.cw, st.statusWord(), st.emptyMask, st.tagWord()]).toEqual([
          0x027f, 0x7801, 0x7f, 0x7fff,
        ]);
        if (!real) expect([st.fip, st.fdp]).toEqual([size === 32 ? 0x12345 : 0x2345, 0x6789]);
      }
    }
  });
});
