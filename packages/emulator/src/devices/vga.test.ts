import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { PhysicalMemory } from "../memory/physical-memory.js";
import { cp437ToUnicode } from "./cp437.js";
import { VGA_TEXT_BASE, Vga } from "./vga.js";

function setup() {
  const memory = new PhysicalMemory(1 << 20);
  const io = new IoBus();
  const vga = new Vga(memory);
  vga.attach(io);
  return { memory, io, vga };
}

function put(memory: PhysicalMemory, offset: number, text: string, attr: number): void {
  for (let i = 0; i < text.length; i++) {
    memory.write8(VGA_TEXT_BASE + (offset + i) * 2, text.charCodeAt(i));
    memory.write8(VGA_TEXT_BASE + (offset + i) * 2 + 1, attr);
  }
}

describe("Vga", () => {
  it("shows the character/attribute pairs at 0xB8000 as cells and text", () => {
    const { memory, vga } = setup();
    put(memory, 0, "HELLO WORLD", 0x1f);
    put(memory, 80 * 24 + 79, "Z", 0x07);
    const cells = vga.screen();
    expect(cells).toHaveLength(2000);
    expect(cells[0]).toEqual({ char: 0x48, attr: 0x1f });
    expect(vga.text()[0]).toBe("HELLO WORLD");
    expect(vga.text()[24]).toBe(" ".repeat(79) + "Z");
    expect(vga.text()[1]).toBe("");
  });

  it("decodes CP437 box drawing and symbols", () => {
    const { memory, vga } = setup();
    memory.write8(VGA_TEXT_BASE, 0xc9);
    memory.write8(VGA_TEXT_BASE + 2, 0x01);
    expect(vga.text()[0]).toBe("╔☺");
    expect(cp437ToUnicode(0xe1)).toBe("ß");
  });

  it("tracks the cursor position and shape from the CRTC registers", () => {
    const { io, vga } = setup();
    const pos = 3 * 80 + 7;
    io.write8(0x3d4, 0x0f);
    io.write8(0x3d5, pos & 0xff);
    io.write8(0x3d4, 0x0e);
    io.write8(0x3d5, pos >> 8);
    expect(vga.cursor()).toMatchObject({ row: 3, column: 7, visible: true });
    io.write16(0x3d4, 0x200a); // 16-bit form: index 0x0A, data 0x20 (cursor off)
    expect(vga.cursor().visible).toBe(false);
    io.write8(0x3d4, 0x0e);
    expect(io.read8(0x3d5)).toBe(pos >> 8);
    expect(io.read8(0x3d4)).toBe(0x0e);
  });

  it("scrolls the view with the display start address", () => {
    const { memory, io, vga } = setup();
    put(memory, 80, "second", 0x07);
    io.write8(0x3d4, 0x0d);
    io.write8(0x3d5, 80);
    expect(vga.text()[0]).toBe("second");
  });

  it("runs the attribute controller flip-flop, reset by reading 0x3DA, and toggles retrace", () => {
    const { io } = setup();
    const s1 = io.read8(0x3da);
    const s2 = io.read8(0x3da);
    expect(s1 ^ s2).toBe(0x09);
    io.write8(0x3c0, 0x01);
    io.write8(0x3c0, 0x3f);
    expect(io.read8(0x3c1)).toBe(0x3f);
    io.read8(0x3da);
    io.write8(0x3c0, 0x02); // index again after the reset
    expect(io.read8(0x3c0)).toBe(0x02);
    expect(io.read8(0x3c1)).toBe(0x02);
  });

  it("stores DAC entries and the sequencer, graphics and misc registers", () => {
    const { io, vga } = setup();
    io.write8(0x3c8, 5);
    io.write8(0x3c9, 0x3f);
    io.write8(0x3c9, 0x20);
    io.write8(0x3c9, 0xff);
    expect(vga.dacEntry(5)).toEqual([0x3f, 0x20, 0x3f]);
    io.write16(0x3c4, 0x0302);
    expect(io.read8(0x3c5)).toBe(0x03);
    io.write8(0x3ce, 0x06);
    io.write8(0x3cf, 0x0e);
    expect(io.read8(0x3cf)).toBe(0x0e);
    expect(io.read8(0x3cc)).toBe(0x67);
  });
});
