/**
 * PS/2 keyboard scancode set 1 (the XT set the 8042 presents in translation mode, which
 * is what PC kernels read from port 0x60): key names to make codes. A key's break code is
 * its make code with bit 7 set; extended keys carry an 0xE0 prefix on both.
 */

/** Set-1 make codes of the keys on a US 101/102-key keyboard, by name. */
export const SET1_MAKE_CODES: Readonly<Record<string, readonly number[]>> = {
  Escape: [0x01],
  "1": [0x02],
  "2": [0x03],
  "3": [0x04],
  "4": [0x05],
  "5": [0x06],
  "6": [0x07],
  "7": [0x08],
  "8": [0x09],
  "9": [0x0a],
  "0": [0x0b],
  "-": [0x0c],
  "=": [0x0d],
  Backspace: [0x0e],
  Tab: [0x0f],
  q: [0x10],
  w: [0x11],
  e: [0x12],
  r: [0x13],
  t: [0x14],
  y: [0x15],
  u: [0x16],
  i: [0x17],
  o: [0x18],
  p: [0x19],
  "[": [0x1a],
  "]": [0x1b],
  Enter: [0x1c],
  Control: [0x1d],
  a: [0x1e],
  s: [0x1f],
  d: [0x20],
  f: [0x21],
  g: [0x22],
  h: [0x23],
  j: [0x24],
  k: [0x25],
  l: [0x26],
  ";": [0x27],
  "'": [0x28],
  "`": [0x29],
  Shift: [0x2a],
  "\\": [0x2b],
  z: [0x2c],
  x: [0x2d],
  c: [0x2e],
  v: [0x2f],
  b: [0x30],
  n: [0x31],
  m: [0x32],
  ",": [0x33],
  ".": [0x34],
  "/": [0x35],
  ShiftRight: [0x36],
  NumpadMultiply: [0x37],
  Alt: [0x38],
  " ": [0x39],
  CapsLock: [0x3a],
  F1: [0x3b],
  F2: [0x3c],
  F3: [0x3d],
  F4: [0x3e],
  F5: [0x3f],
  F6: [0x40],
  F7: [0x41],
  F8: [0x42],
  F9: [0x43],
  F10: [0x44],
  NumLock: [0x45],
  ScrollLock: [0x46],
  F11: [0x57],
  F12: [0x58],
  ControlRight: [0xe0, 0x1d],
  AltRight: [0xe0, 0x38],
  Home: [0xe0, 0x47],
  ArrowUp: [0xe0, 0x48],
  PageUp: [0xe0, 0x49],
  ArrowLeft: [0xe0, 0x4b],
  ArrowRight: [0xe0, 0x4d],
  End: [0xe0, 0x4f],
  ArrowDown: [0xe0, 0x50],
  PageDown: [0xe0, 0x51],
  Insert: [0xe0, 0x52],
  Delete: [0xe0, 0x53],
};

/** Characters typed with Shift held, mapped to the unshifted key that produces them. */
export const SHIFTED_CHARACTERS: Readonly<Record<string, string>> = {
  "!": "1",
  "@": "2",
  "#": "3",
  $: "4",
  "%": "5",
  "^": "6",
  "&": "7",
  "*": "8",
  "(": "9",
  ")": "0",
  _: "-",
  "+": "=",
  "{": "[",
  "}": "]",
  "|": "\\",
  ":": ";",
  '"': "'",
  "~": "`",
  "<": ",",
  ">": ".",
  "?": "/",
};

/** The make code sequence of `key`; throws for a name the table does not know. */
export function makeCode(key: string): readonly number[] {
  const code = SET1_MAKE_CODES[key];
  if (!code) throw new RangeError(`unknown key '${key}'`);
  return code;
}

/** The break code sequence of `key` (make code with bit 7 set, prefix kept). */
export function breakCode(key: string): number[] {
  const make = makeCode(key);
  return make.map((b, i) => (i === make.length - 1 ? b | 0x80 : b));
}

/**
 * Scancodes for pressing and releasing `key`, with optional modifiers held around it.
 *
 * @example
 * ```ts
 * keyStroke("c", { ctrl: true }); // [0x1d, 0x2e, 0xae, 0x9d]
 * ```
 */
export function keyStroke(
  key: string,
  mods: { shift?: boolean; ctrl?: boolean; alt?: boolean } = {},
): number[] {
  const held: string[] = [];
  if (mods.ctrl) held.push("Control");
  if (mods.alt) held.push("Alt");
  if (mods.shift) held.push("Shift");
  const out: number[] = [];
  for (const m of held) out.push(...makeCode(m));
  out.push(...makeCode(key), ...breakCode(key));
  for (const m of held.reverse()) out.push(...breakCode(m));
  return out;
}

/**
 * Scancodes that type `text` on a US layout: letters, digits, punctuation, space,
 * `\n` (Enter), `\t` (Tab) and `\b` (Backspace); capitals and shifted symbols hold Shift.
 * Throws for a character no key produces.
 */
export function textToScancodes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    if (ch === "\n" || ch === "\r") out.push(...keyStroke("Enter"));
    else if (ch === "\t") out.push(...keyStroke("Tab"));
    else if (ch === "\b") out.push(...keyStroke("Backspace"));
    else if (ch >= "A" && ch <= "Z") out.push(...keyStroke(ch.toLowerCase(), { shift: true }));
    else if (SHIFTED_CHARACTERS[ch])
      out.push(...keyStroke(SHIFTED_CHARACTERS[ch], { shift: true }));
    else if (SET1_MAKE_CODES[ch]) out.push(...keyStroke(ch));
    else throw new RangeError(`no key types ${JSON.stringify(ch)}`);
  }
  return out;
}
