/**
 * Code page 437, the VGA's built-in character set: the glyph each character byte of text
 * mode shows, as a Unicode character (bytes 0x00–0x1F and 0x7F are the VGA's symbols,
 * not control characters; 0x00 shows as a blank).
 */
const CP437 =
  " ☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼" +
  " !\"#$%&'()*+,-./0123456789:;<=>?" +
  "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_" +
  "`abcdefghijklmnopqrstuvwxyz{|}~⌂" +
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒ" +
  "áíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐" +
  "└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" +
  "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ";

/**
 * The Unicode character for a VGA text-mode character byte.
 *
 * @example
 * ```ts
 * cp437ToUnicode(0x41); // "A"
 * cp437ToUnicode(0xdb); // "█"
 * ```
 */
export function cp437ToUnicode(byte: number): string {
  return CP437[byte & 0xff]!;
}
