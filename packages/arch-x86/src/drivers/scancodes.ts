/**
 * PC keyboard scancode set 1 (what the 8042 delivers with translation on), US layout:
 * key names and the characters they type unshifted and shifted.
 */

/** A key of the set-1 map: its name and the characters it types (if any). */
export interface KeyInfo {
  /** A stable name: `"a"`, `"Enter"`, `"LeftShift"`, `"ArrowUp"`, `"F1"`. */
  readonly key: string;
  /** Character typed without shift, or `null` for keys that type nothing. */
  readonly normal: string | null;
  /** Character typed with shift. */
  readonly shifted: string | null;
}

const printable = (normal: string, shifted: string): KeyInfo => ({ key: normal, normal, shifted });
const named = (key: string, ch: string | null = null): KeyInfo => ({
  key,
  normal: ch,
  shifted: ch,
});

/** Make codes without the 0xE0 prefix. */
export const SET1: ReadonlyMap<number, KeyInfo> = new Map<number, KeyInfo>([
  [0x01, named("Escape", "\x1b")],
  ...[..."1234567890"].map((d, i): [number, KeyInfo] => [0x02 + i, printable(d, "!@#$%^&*()"[i]!)]),
  [0x0c, printable("-", "_")],
  [0x0d, printable("=", "+")],
  [0x0e, named("Backspace", "\b")],
  [0x0f, named("Tab", "\t")],
  ...[..."qwertyuiop"].map((c, i): [number, KeyInfo] => [0x10 + i, printable(c, c.toUpperCase())]),
  [0x1a, printable("[", "{")],
  [0x1b, printable("]", "}")],
  [0x1c, named("Enter", "\n")],
  [0x1d, named("LeftControl")],
  ...[..."asdfghjkl"].map((c, i): [number, KeyInfo] => [0x1e + i, printable(c, c.toUpperCase())]),
  [0x27, printable(";", ":")],
  [0x28, printable("'", '"')],
  [0x29, printable("`", "~")],
  [0x2a, named("LeftShift")],
  [0x2b, printable("\\", "|")],
  ...[..."zxcvbnm"].map((c, i): [number, KeyInfo] => [0x2c + i, printable(c, c.toUpperCase())]),
  [0x33, printable(",", "<")],
  [0x34, printable(".", ">")],
  [0x35, printable("/", "?")],
  [0x36, named("RightShift")],
  [0x37, named("KeypadMultiply", "*")],
  [0x38, named("LeftAlt")],
  [0x39, named("Space", " ")],
  [0x3a, named("CapsLock")],
  ...Array.from({ length: 10 }, (_, i): [number, KeyInfo] => [0x3b + i, named(`F${i + 1}`)]),
  [0x45, named("NumLock")],
  [0x46, named("ScrollLock")],
  [0x47, named("Keypad7", "7")],
  [0x48, named("Keypad8", "8")],
  [0x49, named("Keypad9", "9")],
  [0x4a, named("KeypadMinus", "-")],
  [0x4b, named("Keypad4", "4")],
  [0x4c, named("Keypad5", "5")],
  [0x4d, named("Keypad6", "6")],
  [0x4e, named("KeypadPlus", "+")],
  [0x4f, named("Keypad1", "1")],
  [0x50, named("Keypad2", "2")],
  [0x51, named("Keypad3", "3")],
  [0x52, named("Keypad0", "0")],
  [0x53, named("KeypadDecimal", ".")],
  [0x57, named("F11")],
  [0x58, named("F12")],
]);

/** Make codes after the 0xE0 prefix. */
export const SET1_EXTENDED: ReadonlyMap<number, KeyInfo> = new Map<number, KeyInfo>([
  [0x1c, named("KeypadEnter", "\n")],
  [0x1d, named("RightControl")],
  [0x35, named("KeypadDivide", "/")],
  [0x38, named("RightAlt")],
  [0x47, named("Home")],
  [0x48, named("ArrowUp")],
  [0x49, named("PageUp")],
  [0x4b, named("ArrowLeft")],
  [0x4d, named("ArrowRight")],
  [0x4f, named("End")],
  [0x50, named("ArrowDown")],
  [0x51, named("PageDown")],
  [0x52, named("Insert")],
  [0x53, named("Delete")],
]);
