import fc from "fast-check";
import { System } from "@native-kit/system";
import { describe, expect, it } from "vitest";
import { fakeMachine, PortRecorder } from "../../test/fake-machine.js";
import type { X86Machine } from "../x86-machine.js";
import { COLUMNS, ROWS, TEXT_BUFFER, VgaColor, Video, vgaAttribute } from "./video.js";

function boot() {
  const machine = fakeMachine();
  const crtc = new PortRecorder();
  machine.io.register(0x3d4, 2, crtc);
  const video = new Video();
  const system = new System<X86Machine>(machine);
  system.install(video);
  system.setDefaultOutput(video);
  return { machine, crtc, video, system };
}

const cell = (m: X86Machine, row: number, col: number) =>
  m.memory.read16(TEXT_BUFFER + (row * COLUMNS + col) * 2);

describe("Video", () => {
  it("clears the screen and shows text written before boot", () => {
    const { machine, video, system } = boot();
    machine.memory.write16(TEXT_BUFFER + 100, 0x4141);
    video.write("early ");
    system.boot();
    video.write("Hello World!");
    expect(video.readRow(0).trimEnd()).toBe("early Hello World!");
    expect(cell(machine, 0, 50)).toBe(0x0720);
    expect(cell(machine, 0, 0)).toBe(0x0765); // "e" light grey on black
  });

  it("writes in the chosen colours", () => {
    const { machine, video, system } = boot();
    system.boot();
    video.setColor(VgaColor.Yellow, VgaColor.Blue);
    video.write("A");
    expect(cell(machine, 0, 0)).toBe((vgaAttribute(VgaColor.Yellow, VgaColor.Blue) << 8) | 0x41);
    expect(vgaAttribute(VgaColor.Yellow, VgaColor.Blue)).toBe(0x1e);
  });

  it("handles newline, carriage return, tab, backspace and line wrap", () => {
    const { video, system } = boot();
    system.boot();
    video.write("abc\rX\tY\nq\bZ\n" + "w".repeat(COLUMNS + 2));
    expect(video.readRow(0).trimEnd()).toBe("Xbc     Y");
    expect(video.readRow(1).trimEnd()).toBe("Z");
    expect(video.readRow(2)).toBe("w".repeat(COLUMNS));
    expect(video.readRow(3).trimEnd()).toBe("ww");
    expect(video.cursor).toEqual({ row: 3, column: 2 });
  });

  it("scrolls when writing past the last row", () => {
    const { video, system } = boot();
    system.boot();
    for (let i = 0; i < ROWS + 2; i++) video.write(`line ${i}\n`);
    expect(video.readRow(0).trimEnd()).toBe("line 3");
    expect(video.readRow(ROWS - 2).trimEnd()).toBe(`line ${ROWS + 1}`);
    expect(video.readRow(ROWS - 1).trim()).toBe("");
    expect(video.cursor).toEqual({ row: ROWS - 1, column: 0 });
  });

  it("moves the hardware cursor through CRTC registers 0x0e/0x0f", () => {
    const { crtc, video, system } = boot();
    system.boot();
    video.moveTo(2, 5);
    const pos = 2 * COLUMNS + 5;
    const w = crtc.writes.slice(-4).map(([, v]) => v);
    expect(w).toEqual([0x0f, pos & 0xff, 0x0e, pos >> 8]);
    expect(() => video.moveTo(ROWS, 0)).toThrow(RangeError);
  });

  it("maps characters without an ASCII glyph to CP437 or '?'", () => {
    const { video, system } = boot();
    system.boot();
    video.write("é€");
    expect(video.readRow(0).charCodeAt(0)).toBe(0x82);
    expect(video.readRow(0)[1]).toBe("?");
  });

  it("refuses to clear before it is initialised", () => {
    expect(() => new Video().clear()).toThrow(/not initialised/);
  });
});

describe("Video against a model screen", () => {
  it("shows the last 25 lines of whatever printable text and newlines it is given", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[ -~]{0,100}$/), { minLength: 1, maxLength: 40 }),
        (lines) => {
          const { video, system } = boot();
          system.boot();
          video.write(lines.join("\n"));
          // The model: wrap each line at 80 columns, keep the last 25 rows.
          const rows = lines.flatMap((l) =>
            l.length === 0
              ? [""]
              : Array.from({ length: Math.ceil(l.length / COLUMNS) }, (_, i) =>
                  l.slice(i * COLUMNS, (i + 1) * COLUMNS),
                ),
          );
          const visible = rows.slice(-ROWS);
          const screen = Array.from({ length: ROWS }, (_, r) => video.readRow(r).trimEnd());
          expect(screen.slice(0, visible.length)).toEqual(visible.map((l) => l.trimEnd()));
        },
      ),
      { numRuns: 60 },
    );
  });
});
