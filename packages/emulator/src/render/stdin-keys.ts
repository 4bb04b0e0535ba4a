/**
 * Turns the bytes a terminal in raw mode sends for key presses into PS/2 scancode set 1,
 * so that typing in the host terminal types on the emulated keyboard.
 *
 * Understood: printable ASCII (Shift held for capitals and shifted symbols), Enter (CR or
 * LF), Backspace (DEL or BS), Tab, Escape, Ctrl+letter (bytes 0x01–0x1A), Alt+key (ESC
 * prefix), the arrow keys, Home/End/Insert/Delete/PageUp/PageDown and F1–F4 in their
 * xterm/VT220 encodings. Other bytes (including non-ASCII UTF-8) are ignored.
 */
import { keyStroke, SET1_MAKE_CODES, SHIFTED_CHARACTERS } from "../devices/scancodes.js";

const CSI_FINAL: Record<string, string> = {
  A: "ArrowUp",
  B: "ArrowDown",
  C: "ArrowRight",
  D: "ArrowLeft",
  H: "Home",
  F: "End",
};
const SS3_FINAL: Record<string, string> = { ...CSI_FINAL, P: "F1", Q: "F2", R: "F3", S: "F4" };
const CSI_TILDE: Record<string, string> = {
  "1": "Home",
  "2": "Insert",
  "3": "Delete",
  "4": "End",
  "5": "PageUp",
  "6": "PageDown",
};

/** Scancodes for one printable character, or none when no key types it. */
function charStroke(ch: string, alt: boolean): number[] {
  if (ch >= "A" && ch <= "Z") return keyStroke(ch.toLowerCase(), { shift: true, alt });
  const base = SHIFTED_CHARACTERS[ch];
  if (base) return keyStroke(base, { shift: true, alt });
  if (SET1_MAKE_CODES[ch]) return keyStroke(ch, { alt });
  return [];
}

/** Scancodes for a control byte below 0x20 or DEL, or none. */
function controlStroke(b: number): number[] {
  if (b === 0x0d || b === 0x0a) return keyStroke("Enter");
  if (b === 0x7f || b === 0x08) return keyStroke("Backspace");
  if (b === 0x09) return keyStroke("Tab");
  if (b >= 0x01 && b <= 0x1a) return keyStroke(String.fromCharCode(0x60 + b), { ctrl: true });
  return [];
}

/**
 * Translates one chunk of raw terminal input into scancodes (make and break codes for
 * each key). Escape sequences must arrive whole within the chunk, as terminals send them.
 *
 * @example
 * ```ts
 * stdinToScancodes(Buffer.from("a")); // [0x1e, 0x9e]
 * stdinToScancodes(Buffer.from("\x1b[A")); // [0xe0, 0x48, 0xe0, 0xc8] (ArrowUp)
 * stdinToScancodes(Buffer.from([0x03])); // Ctrl+C: [0x1d, 0x2e, 0xae, 0x9d]
 * ```
 */
export function stdinToScancodes(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      const next = bytes[i + 1];
      if (next === undefined) {
        out.push(...keyStroke("Escape"));
        i++;
      } else if (next === 0x5b || next === 0x4f) {
        // CSI (ESC [) or SS3 (ESC O): parameters, then a final byte.
        let j = i + 2;
        let params = "";
        while (j < bytes.length && bytes[j]! >= 0x30 && bytes[j]! <= 0x3f) {
          params += String.fromCharCode(bytes[j]!);
          j++;
        }
        const final = j < bytes.length ? String.fromCharCode(bytes[j]!) : "";
        const table = next === 0x5b ? CSI_FINAL : SS3_FINAL;
        const key = final === "~" ? CSI_TILDE[params.split(";")[0] ?? ""] : table[final];
        if (key) out.push(...keyStroke(key));
        i = Math.min(j + 1, bytes.length);
      } else if (next === 0x1b) {
        out.push(...keyStroke("Escape"));
        i++;
      } else {
        // ESC followed by a key: that key with Alt held.
        out.push(
          ...(next >= 0x20 && next < 0x7f ? charStroke(String.fromCharCode(next), true) : []),
        );
        i += 2;
      }
      continue;
    }
    if (b < 0x20 || b === 0x7f) out.push(...controlStroke(b));
    else if (b < 0x7f) out.push(...charStroke(String.fromCharCode(b), false));
    i++;
  }
  return out;
}
