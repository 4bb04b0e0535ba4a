/**
 * Draws the VGA text screen on an ANSI/VT100 terminal: colours from the attribute bytes,
 * the hardware cursor, and after the first frame only the cells that changed.
 */
import { cp437ToUnicode } from "../devices/cp437.js";
import { VGA_COLUMNS, VGA_ROWS, type VgaCell, type VgaCursor } from "../devices/vga.js";

/** VGA colour index (blue = 1, green = 2, red = 4) to ANSI colour index (red = 1, green = 2, blue = 4). */
const VGA_TO_ANSI = [0, 4, 2, 6, 1, 5, 3, 7] as const;

/**
 * The SGR escape sequence for a VGA attribute byte. Bits 3..0 pick the foreground (bit 3
 * bright), bits 6..4 the background; bit 7 is drawn as a bright background rather than
 * blinking, as VGA does with blink disabled.
 *
 * @example
 * ```ts
 * sgrForAttribute(0x1f); // "\x1b[0;97;44m" (bright white on blue)
 * ```
 */
export function sgrForAttribute(attr: number): string {
  const fg = attr & 0x0f;
  const bg = (attr >> 4) & 0x07;
  const fgCode = (fg & 8 ? 90 : 30) + VGA_TO_ANSI[fg & 7]!;
  const bgCode = (attr & 0x80 ? 100 : 40) + VGA_TO_ANSI[bg]!;
  return `\x1b[0;${fgCode};${bgCode}m`;
}

/**
 * Incremental renderer of 80×25 VGA text frames to a terminal.
 *
 * @example
 * ```ts
 * const renderer = new AnsiTextRenderer((s) => process.stdout.write(s));
 * setInterval(() => renderer.render(machine.vga.screen(), machine.vga.cursor()), 33);
 * process.stdout.write(renderer.restore());
 * ```
 */
export class AnsiTextRenderer {
  private previous: VgaCell[] | null = null;
  private previousCursor = "";

  /** @param write where the escape sequences go (for example `process.stdout.write`). */
  constructor(private readonly write: (chunk: string) => void) {}

  /** Forgets what the terminal shows, so the next frame is drawn in full. */
  invalidate(): void {
    this.previous = null;
    this.previousCursor = "";
  }

  /**
   * Draws `cells` (80×25, row-major) and places the cursor. Writes nothing when nothing
   * changed. Returns the number of cells redrawn.
   */
  render(cells: readonly VgaCell[], cursor: VgaCursor): number {
    if (cells.length !== VGA_COLUMNS * VGA_ROWS) {
      throw new RangeError(`expected ${VGA_COLUMNS * VGA_ROWS} cells, got ${cells.length}`);
    }
    let out = "";
    let drawn = 0;
    const prev = this.previous;
    if (!prev) out += "\x1b[0m\x1b[2J";
    let attr = -1;
    let at = -1; // index the terminal's cursor is at after the last write
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      const p = prev?.[i];
      if (p && p.char === c.char && p.attr === c.attr) continue;
      if (at !== i) {
        out += `\x1b[${Math.floor(i / VGA_COLUMNS) + 1};${(i % VGA_COLUMNS) + 1}H`;
      }
      if (c.attr !== attr) {
        out += sgrForAttribute(c.attr);
        attr = c.attr;
      }
      out += c.char === 0 ? " " : cp437ToUnicode(c.char);
      drawn++;
      // Writing the last column leaves the terminal's cursor in a pending-wrap state.
      at = (i + 1) % VGA_COLUMNS === 0 ? -1 : i + 1;
    }
    const cursorKey = `${cursor.row},${cursor.column},${cursor.visible}`;
    if (drawn > 0 || cursorKey !== this.previousCursor) {
      out += cursor.visible ? `\x1b[${cursor.row + 1};${cursor.column + 1}H\x1b[?25h` : "\x1b[?25l";
      this.previousCursor = cursorKey;
    }
    this.previous = cells.map((c) => ({ char: c.char, attr: c.attr }));
    if (out) this.write(out);
    return drawn;
  }

  /** The sequence that gives the terminal back: default colours, cursor visible, below the screen. */
  restore(): string {
    return `\x1b[0m\x1b[${VGA_ROWS + 1};1H\x1b[?25h\n`;
  }
}
