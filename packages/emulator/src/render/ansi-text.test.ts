import { describe, expect, it } from "vitest";
import type { VgaCell, VgaCursor } from "../devices/vga.js";
import { AnsiTextRenderer, sgrForAttribute } from "./ansi-text.js";

const blank = (): VgaCell[] => Array.from({ length: 2000 }, () => ({ char: 0x20, attr: 0x07 }));
const cursor = (row: number, column: number, visible = true): VgaCursor => ({
  row,
  column,
  visible,
  startLine: 13,
  endLine: 14,
});

describe("sgrForAttribute", () => {
  it("maps VGA colours to ANSI colours, bright foregrounds and backgrounds", () => {
    expect(sgrForAttribute(0x07)).toBe("\x1b[0;37;40m");
    expect(sgrForAttribute(0x1f)).toBe("\x1b[0;97;44m");
    expect(sgrForAttribute(0x4e)).toBe("\x1b[0;93;41m"); // yellow on red
    expect(sgrForAttribute(0xf1)).toBe("\x1b[0;34;107m");
  });
});

describe("AnsiTextRenderer", () => {
  it("draws the first frame in full, then only the cells that changed", () => {
    const chunks: string[] = [];
    const r = new AnsiTextRenderer((s) => chunks.push(s));
    const cells = blank();
    expect(r.render(cells, cursor(0, 0))).toBe(2000);
    expect(chunks[0]!.startsWith("\x1b[0m\x1b[2J")).toBe(true);
    expect(r.render(cells, cursor(0, 0))).toBe(0);
    expect(chunks).toHaveLength(1);
    cells[81] = { char: 0x48, attr: 0x1f };
    cells[82] = { char: 0x49, attr: 0x1f };
    expect(r.render(cells, cursor(1, 3))).toBe(2);
    expect(chunks[1]).toBe("\x1b[2;2H\x1b[0;97;44mHI\x1b[2;4H\x1b[?25h");
  });

  it("moves or hides the cursor without redrawing cells", () => {
    const chunks: string[] = [];
    const r = new AnsiTextRenderer((s) => chunks.push(s));
    const cells = blank();
    r.render(cells, cursor(0, 0));
    r.render(cells, cursor(5, 10));
    r.render(cells, cursor(5, 10, false));
    expect(chunks.slice(1)).toEqual(["\x1b[6;11H\x1b[?25h", "\x1b[?25l"]);
  });

  it("decodes CP437, draws NUL as a blank and redraws everything after invalidate()", () => {
    const chunks: string[] = [];
    const r = new AnsiTextRenderer((s) => chunks.push(s));
    const cells = blank();
    cells[0] = { char: 0xdb, attr: 0x07 };
    cells[1] = { char: 0x00, attr: 0x07 };
    r.render(cells, cursor(0, 0));
    expect(chunks[0]).toContain("█ ");
    r.invalidate();
    expect(r.render(cells, cursor(0, 0))).toBe(2000);
    expect(r.restore()).toContain("\x1b[?25h");
    expect(() => r.render(cells.slice(1), cursor(0, 0))).toThrow(RangeError);
  });
});
