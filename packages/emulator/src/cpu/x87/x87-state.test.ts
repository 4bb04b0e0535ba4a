import { describe, expect, it } from "vitest";
import { F80 } from "./float80.js";
import { Exc } from "./round80.js";
import { SW, X87State } from "./x87-state.js";

describe("X87State", () => {
  it("pushes and pops around TOP", () => {
    const st = new X87State();
    st.init();
    st.push(new F80().set(0x3fff, 0x80000000, 0));
    expect([st.top, st.isEmpty(0), st.isEmpty(1)]).toEqual([7, false, true]);
    st.pop();
    expect([st.top, st.emptyMask]).toEqual([0, 0xff]);
  });

  it("derives tags from contents", () => {
    const st = new X87State();
    st.init();
    st.push(new F80().set(0, 0, 0)); // zero
    st.push(new F80().set(0x7fff, 0x80000000, 0)); // special
    st.push(new F80().set(0x3fff, 0x80000000, 0)); // valid
    expect(st.tagWord()).toBe(0x63ff); // phys 7 zero, 6 special, 5 valid, 0–4 empty
  });

  it("records exceptions, C1 and the error summary", () => {
    const st = new X87State();
    st.init();
    expect(st.raise(Exc.PE | Exc.C1)).toBe(false);
    expect(st.sw & (SW.C1 | SW.ES | 0x3f)).toBe(SW.C1 | Exc.PE);
    st.cw = 0x037e; // IE unmasked
    expect(st.raise(Exc.IE)).toBe(true);
    expect(st.sw & (SW.ES | SW.B | SW.C1)).toBe(SW.ES | SW.B);
    st.cw = 0x037f;
    st.updateErrorSummary();
    expect(st.sw & SW.ES).toBe(0);
  });

  it("treats loaded tag words as empty-or-not", () => {
    const st = new X87State();
    st.setTagWord(0xfff0);
    expect(st.emptyMask).toBe(0xfc);
  });
});
