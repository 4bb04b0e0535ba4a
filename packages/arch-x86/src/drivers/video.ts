/**
 * `Video`: the VGA text console driver. Writes characters and attributes into the text
 * buffer at 0xB8000, scrolls, and moves the hardware cursor through the CRTC registers.
 */
import type { PhysicalMemory } from "@native-kit/emulator";
import type { Component, ComponentContext, OutputDevice } from "@native-kit/system";
import { ServiceKey } from "@native-kit/system";
import { PortIo } from "../port-io.js";
import type { X86Machine } from "../x86-machine.js";

/** Physical address of the colour text buffer. */
export const TEXT_BUFFER = 0xb8000;
/** Columns of the text screen. */
export const COLUMNS = 80;
/** Rows of the text screen. */
export const ROWS = 25;

const CRTC_INDEX = 0x3d4;
const CRTC_DATA = 0x3d5;
const CRTC_CURSOR_START = 0x0a;
const CRTC_CURSOR_END = 0x0b;
const CRTC_CURSOR_HIGH = 0x0e;
const CRTC_CURSOR_LOW = 0x0f;
const TAB_WIDTH = 8;

/** The 16 text-mode colours, by their attribute nibble. */
export const VgaColor = {
  Black: 0,
  Blue: 1,
  Green: 2,
  Cyan: 3,
  Red: 4,
  Magenta: 5,
  Brown: 6,
  LightGray: 7,
  DarkGray: 8,
  LightBlue: 9,
  LightGreen: 10,
  LightCyan: 11,
  LightRed: 12,
  LightMagenta: 13,
  Yellow: 14,
  White: 15,
} as const;
/** One of the {@link VgaColor} values. */
export type VgaColor = (typeof VgaColor)[keyof typeof VgaColor];

/** The attribute byte for `fg` on `bg`. */
export function vgaAttribute(fg: VgaColor, bg: VgaColor = VgaColor.Black): number {
  return ((bg & 0xf) << 4) | (fg & 0xf);
}

/** Characters outside printable ASCII that have a glyph in code page 437. */
const CP437: ReadonlyMap<string, number> = new Map([
  ["é", 0x82],
  ["ç", 0x87],
  ["á", 0xa0],
  ["í", 0xa1],
  ["ó", 0xa2],
  ["ú", 0xa3],
  ["ñ", 0xa4],
  ["°", 0xf8],
  ["·", 0xfa],
  ["■", 0xfe],
  ["│", 0xb3],
  ["─", 0xc4],
  ["┌", 0xda],
  ["┐", 0xbf],
  ["└", 0xc0],
  ["┘", 0xd9],
  ["█", 0xdb],
  ["░", 0xb0],
  ["▒", 0xb1],
  ["▓", 0xb2],
]);

/** The glyph byte for one character: ASCII as-is, a few CP437 glyphs, `?` for the rest. */
export function glyphOf(ch: string): number {
  const code = ch.codePointAt(0) ?? 0x3f;
  if (code >= 0x20 && code < 0x7f) return code;
  return CP437.get(ch) ?? 0x3f;
}

/** The video service: the console itself. */
export const VideoKey: ServiceKey<Video> = new ServiceKey<Video>("arch-x86.video");

/**
 * The VGA text console, as a component and an output device.
 *
 * Text written before the system boots is kept and shown once the console is up, so a
 * kernel can make it the default output from its constructor.
 *
 * @example
 * ```ts
 * const video = new Video();
 * system.install(video);
 * system.setDefaultOutput(video);
 * system.boot();
 * video.setColor(VgaColor.Yellow, VgaColor.Blue);
 * video.write("Hello World!\n");
 * ```
 */
export class Video implements Component<X86Machine>, OutputDevice {
  readonly name = "video";
  readonly provides = [VideoKey];
  private memory: PhysicalMemory | null = null;
  private ports: PortIo | null = null;
  private pending = "";
  private row = 0;
  private column = 0;
  private attribute = vgaAttribute(VgaColor.LightGray);

  /** Takes the text buffer and the CRTC, clears the screen and shows pending text. */
  init(ctx: ComponentContext<X86Machine>): void {
    this.memory = ctx.machine.memory;
    this.ports = new PortIo(ctx.machine.io);
    // A block cursor on the last two scan lines of the 16-line cell, as the BIOS sets it.
    this.crtc(CRTC_CURSOR_START, 14);
    this.crtc(CRTC_CURSOR_END, 15);
    this.clear();
    ctx.provide(VideoKey, this);
    ctx.log.info(`${COLUMNS}x${ROWS} text console at 0x${TEXT_BUFFER.toString(16)}`);
    if (this.pending) {
      const text = this.pending;
      this.pending = "";
      this.write(text);
    }
  }

  /** Forgets the hardware; later writes are kept until a new init. */
  shutdown(): void {
    this.memory = null;
    this.ports = null;
  }

  /** Sets the colours of text written from now on. */
  setColor(fg: VgaColor, bg: VgaColor = VgaColor.Black): void {
    this.attribute = vgaAttribute(fg, bg);
  }

  /** The current attribute byte. */
  get color(): number {
    return this.attribute;
  }

  /** The cursor position. */
  get cursor(): { row: number; column: number } {
    return { row: this.row, column: this.column };
  }

  /**
   * Writes text at the cursor: `\n` starts a new line, `\r` returns to column 0, `\t`
   * moves to the next multiple of 8, `\b` moves back one column; the screen scrolls when
   * the cursor passes the last row.
   */
  write(text: string): void {
    const memory = this.memory;
    if (!memory) {
      this.pending += text;
      return;
    }
    for (const ch of text) {
      switch (ch) {
        case "\n":
          this.column = 0;
          this.row++;
          break;
        case "\r":
          this.column = 0;
          break;
        case "\t":
          this.column = Math.min(COLUMNS, (Math.floor(this.column / TAB_WIDTH) + 1) * TAB_WIDTH);
          break;
        case "\b":
          if (this.column > 0) this.column--;
          break;
        default:
          if (this.column >= COLUMNS) {
            this.column = 0;
            this.row++;
          }
          if (this.row >= ROWS) this.scroll();
          memory.write16(
            TEXT_BUFFER + (this.row * COLUMNS + this.column) * 2,
            glyphOf(ch) | (this.attribute << 8),
          );
          this.column++;
      }
      if (this.row >= ROWS) this.scroll();
    }
    this.syncCursor();
  }

  /** Fills the screen with blanks in the current colours and homes the cursor. */
  clear(): void {
    const memory = this.requireMemory();
    const blank = 0x20 | (this.attribute << 8);
    for (let i = 0; i < COLUMNS * ROWS; i++) memory.write16(TEXT_BUFFER + i * 2, blank);
    this.row = 0;
    this.column = 0;
    this.syncCursor();
  }

  /** Moves the cursor. @throws when the position is off the screen. */
  moveTo(row: number, column: number): void {
    if (
      !Number.isInteger(row) ||
      !Number.isInteger(column) ||
      row < 0 ||
      row >= ROWS ||
      column < 0 ||
      column >= COLUMNS
    ) {
      throw new RangeError(`cursor position ${row},${column} is outside ${ROWS}x${COLUMNS}`);
    }
    this.row = row;
    this.column = column;
    this.syncCursor();
  }

  /** Reads back one row of the screen as text (trailing blanks kept). */
  readRow(row: number): string {
    const memory = this.requireMemory();
    let line = "";
    for (let c = 0; c < COLUMNS; c++) {
      line += String.fromCharCode(memory.read8(TEXT_BUFFER + (row * COLUMNS + c) * 2));
    }
    return line;
  }

  private scroll(): void {
    const memory = this.requireMemory();
    const rowBytes = COLUMNS * 2;
    memory.u8.copyWithin(TEXT_BUFFER, TEXT_BUFFER + rowBytes, TEXT_BUFFER + rowBytes * ROWS);
    const blank = 0x20 | (this.attribute << 8);
    for (let c = 0; c < COLUMNS; c++)
      memory.write16(TEXT_BUFFER + (ROWS - 1) * rowBytes + c * 2, blank);
    this.row = ROWS - 1;
  }

  private syncCursor(): void {
    const pos = Math.min(this.row, ROWS - 1) * COLUMNS + Math.min(this.column, COLUMNS - 1);
    this.crtc(CRTC_CURSOR_LOW, pos & 0xff);
    this.crtc(CRTC_CURSOR_HIGH, pos >>> 8);
  }

  private crtc(index: number, value: number): void {
    if (!this.ports) return;
    this.ports.outb(CRTC_INDEX, index);
    this.ports.outb(CRTC_DATA, value);
  }

  private requireMemory(): PhysicalMemory {
    if (!this.memory) throw new Error("video is not initialised: install it and boot the system");
    return this.memory;
  }
}
