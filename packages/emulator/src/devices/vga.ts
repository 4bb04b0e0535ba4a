/**
 * VGA in 80×25 colour text mode: the screen is the character/attribute pairs at
 * physical 0xB8000 (plain RAM in {@link PhysicalMemory}, so guest writes cost nothing
 * extra); this device owns the registers around it: the CRTC (index 0x3D4, data 0x3D5:
 * cursor shape, cursor position, display start address), the attribute controller
 * (0x3C0/0x3C1 with its index/data flip-flop reset by reading 0x3DA), the sequencer
 * (0x3C4/0x3C5), the graphics controller (0x3CE/0x3CF), the miscellaneous output
 * register (0x3C2/0x3CC), the DAC (0x3C7–0x3C9) and input status 1 (0x3DA, whose
 * retrace bits toggle on every read so that guests waiting for a retrace make progress).
 */
import type { IoBus } from "../io/io-bus.js";
import type { PhysicalMemory } from "../memory/physical-memory.js";
import { cp437ToUnicode } from "./cp437.js";

/** Physical address of the colour text buffer. */
export const VGA_TEXT_BASE = 0xb8000;
/** Columns of the text screen. */
export const VGA_COLUMNS = 80;
/** Rows of the text screen. */
export const VGA_ROWS = 25;

/** One character cell: the CP437 character byte and its attribute (bg << 4 | fg). */
export interface VgaCell {
  /** Character byte (CP437). */
  char: number;
  /** Attribute byte: bits 3..0 foreground, 6..4 background, 7 blink or bright background. */
  attr: number;
}

/** The text cursor as the CRTC registers describe it. */
export interface VgaCursor {
  /** Row, 0-based. */
  row: number;
  /** Column, 0-based. */
  column: number;
  /** False when the guest disabled the cursor (CRTC 0x0A bit 5) or put it off-screen. */
  visible: boolean;
  /** First and last scan line of the cursor block (CRTC 0x0A/0x0B). */
  startLine: number;
  /** Last scan line of the cursor block. */
  endLine: number;
}

/**
 * The VGA adapter in text mode.
 *
 * @example
 * ```ts
 * const vga = new Vga(memory);
 * vga.attach(io);
 * // … the guest writes "HI" at 0xB8000 …
 * vga.text()[0]; // "HI"
 * vga.screen()[0]; // { char: 0x48, attr: 0x07 }
 * ```
 */
export class Vga {
  private readonly crtc = new Uint8Array(0x19);
  private crtcIndex = 0;
  private readonly attrRegs = new Uint8Array(0x15);
  private attrIndex = 0;
  private attrFlipFlop = false;
  private readonly seq = new Uint8Array(5);
  private seqIndex = 0;
  private readonly gfx = new Uint8Array(9);
  private gfxIndex = 0;
  private misc = 0;
  private readonly dac = new Uint8Array(256 * 3);
  private dacReadIndex = 0;
  private dacWriteIndex = 0;
  private retrace = false;

  constructor(private readonly memory: PhysicalMemory) {
    this.reset();
  }

  /** Decodes 0x3C0–0x3CF and the colour CRTC ports 0x3D4, 0x3D5 and 0x3DA. */
  attach(io: IoBus): void {
    io.register(0x3c0, 16, {
      read: (port) => this.readGeneral(port),
      write: (port, size, value) => this.writeGeneral(port, size, value),
    });
    io.register(0x3d4, 2, {
      read: (port) => (port === 0x3d4 ? this.crtcIndex : (this.crtc[this.crtcIndex] ?? 0xff)),
      write: (port, size, value) => {
        if (port === 0x3d4) {
          this.crtcIndex = value & 0xff;
          // A 16-bit `out dx, ax` to the index port writes the data byte too.
          if (size > 1) this.writeCrtc((value >> 8) & 0xff);
        } else {
          this.writeCrtc(value & 0xff);
        }
      },
    });
    io.register(0x3da, 1, {
      read: () => {
        this.attrFlipFlop = false;
        this.retrace = !this.retrace;
        return this.retrace ? 0x09 : 0x00;
      },
      write: () => {},
    });
  }

  /** The register values a BIOS leaves for mode 3 (80×25 colour text). */
  reset(): void {
    this.crtc.fill(0);
    this.crtc[0x09] = 0x0f; // 16 scan lines per character row
    this.crtc[0x0a] = 0x0d; // cursor start
    this.crtc[0x0b] = 0x0e; // cursor end
    this.crtcIndex = 0;
    this.attrRegs.fill(0);
    for (let i = 0; i < 16; i++) this.attrRegs[i] = i < 8 ? i : i + 0x30;
    this.attrRegs[0x06] = 0x14; // brown is palette entry 0x14, as on every VGA
    this.attrRegs[0x10] = 0x0c; // text mode, blink enabled
    this.attrIndex = 0;
    this.attrFlipFlop = false;
    this.seq.fill(0);
    this.seqIndex = 0;
    this.gfx.fill(0);
    this.gfxIndex = 0;
    this.misc = 0x67; // colour emulation: CRTC at 0x3Dx
    this.dacReadIndex = this.dacWriteIndex = 0;
  }

  /** The 80×25 cells, row-major, from the display start address (CRTC 0x0C/0x0D). */
  screen(): VgaCell[] {
    const cells: VgaCell[] = [];
    const start = VGA_TEXT_BASE + this.startAddress() * 2;
    for (let i = 0; i < VGA_COLUMNS * VGA_ROWS; i++) {
      const a = start + i * 2;
      cells.push({ char: this.memory.read8(a), attr: this.memory.read8(a + 1) });
    }
    return cells;
  }

  /** The screen as 25 lines of Unicode text (CP437 decoded), trailing blanks removed. */
  text(): string[] {
    const cells = this.screen();
    const lines: string[] = [];
    for (let row = 0; row < VGA_ROWS; row++) {
      let line = "";
      for (let col = 0; col < VGA_COLUMNS; col++) {
        line += cp437ToUnicode(cells[row * VGA_COLUMNS + col]!.char);
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  /** The cursor as programmed in the CRTC. */
  cursor(): VgaCursor {
    const location = ((this.crtc[0x0e]! << 8) | this.crtc[0x0f]!) - this.startAddress();
    const row = Math.floor(location / VGA_COLUMNS);
    const column = location - row * VGA_COLUMNS;
    const onScreen = location >= 0 && row < VGA_ROWS;
    return {
      row,
      column,
      visible: onScreen && (this.crtc[0x0a]! & 0x20) === 0,
      startLine: this.crtc[0x0a]! & 0x1f,
      endLine: this.crtc[0x0b]! & 0x1f,
    };
  }

  /** The 6-bit RGB triple of DAC entry `index`. */
  dacEntry(index: number): [number, number, number] {
    const i = (index & 0xff) * 3;
    return [this.dac[i]!, this.dac[i + 1]!, this.dac[i + 2]!];
  }

  private startAddress(): number {
    return (this.crtc[0x0c]! << 8) | this.crtc[0x0d]!;
  }

  private writeCrtc(value: number): void {
    if (this.crtcIndex < this.crtc.length) this.crtc[this.crtcIndex] = value;
  }

  private readGeneral(port: number): number {
    switch (port) {
      case 0x3c0:
        return this.attrIndex;
      case 0x3c1:
        return this.attrRegs[this.attrIndex & 0x1f] ?? 0;
      case 0x3c4:
        return this.seqIndex;
      case 0x3c5:
        return this.seq[this.seqIndex] ?? 0xff;
      case 0x3c7:
        return 0x03; // DAC state: in read mode
      case 0x3c8:
        return Math.floor(this.dacWriteIndex / 3) & 0xff;
      case 0x3c9:
        return this.dac[this.dacReadIndex++ % this.dac.length]!;
      case 0x3cc:
        return this.misc;
      case 0x3ce:
        return this.gfxIndex;
      case 0x3cf:
        return this.gfx[this.gfxIndex] ?? 0xff;
      default:
        return 0xff;
    }
  }

  private writeGeneral(port: number, size: 1 | 2 | 4, value: number): void {
    // 16-bit writes to an index port carry the data byte in the high half.
    if (size > 1 && (port === 0x3c4 || port === 0x3ce)) {
      this.writeGeneral(port, 1, value & 0xff);
      this.writeGeneral(port + 1, 1, (value >> 8) & 0xff);
      return;
    }
    value &= 0xff;
    switch (port) {
      case 0x3c0:
        if (!this.attrFlipFlop) this.attrIndex = value & 0x3f;
        else if ((this.attrIndex & 0x1f) < this.attrRegs.length) {
          this.attrRegs[this.attrIndex & 0x1f] = value;
        }
        this.attrFlipFlop = !this.attrFlipFlop;
        return;
      case 0x3c2:
        this.misc = value;
        return;
      case 0x3c4:
        this.seqIndex = value;
        return;
      case 0x3c5:
        if (this.seqIndex < this.seq.length) this.seq[this.seqIndex] = value;
        return;
      case 0x3c7:
        this.dacReadIndex = value * 3;
        return;
      case 0x3c8:
        this.dacWriteIndex = value * 3;
        return;
      case 0x3c9:
        this.dac[this.dacWriteIndex++ % this.dac.length] = value & 0x3f;
        return;
      case 0x3ce:
        this.gfxIndex = value;
        return;
      case 0x3cf:
        if (this.gfxIndex < this.gfx.length) this.gfx[this.gfxIndex] = value;
        return;
      default:
        return;
    }
  }
}
