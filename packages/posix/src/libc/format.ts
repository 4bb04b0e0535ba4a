/**
 * `printf`-style formatting: `%d %i %u %x %X %o %c %s %p %%` with the flags `-`, `0`,
 * `+`, space, a width and a precision (`*` for either takes an argument).
 */

/** A value printf can format. */
export type PrintfArg = number | bigint | string | boolean | null | undefined;

/**
 * Formats `format` with `args` as C's `printf` does for the supported conversions.
 *
 * @throws when a conversion has no argument left or is not supported (a kernel bug, not
 * user input, so it is loud).
 * @example
 * ```ts
 * formatPrintf("%-5s|%04x|%+d", ["ab", 255, 7]); // "ab   |00ff|+7"
 * ```
 */
export function formatPrintf(format: string, args: readonly PrintfArg[]): string {
  let next = 0;
  const take = (spec: string): PrintfArg => {
    if (next >= args.length) throw new Error(`printf: no argument for ${spec} in "${format}"`);
    return args[next++];
  };
  return format.replace(
    /%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?(hh|h|ll|l|z)?([diuxXocsp%])/g,
    (spec, flags: string, widthSpec?: string, precSpec?: string, _len?: string, conv?: string) => {
      if (conv === "%") return "%";
      let width = widthSpec === "*" ? Number(take(spec)) : widthSpec ? Number(widthSpec) : 0;
      let left = flags.includes("-");
      if (width < 0) {
        left = true;
        width = -width;
      }
      const precision =
        precSpec === "*" ? Number(take(spec)) : precSpec !== undefined ? Number(precSpec) : -1;
      const arg = take(spec);
      let body: string;
      let sign = "";
      let numeric = true;
      switch (conv) {
        case "d":
        case "i": {
          const v = BigInt.asIntN(64, toBigInt(arg));
          sign = v < 0n ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
          body = (v < 0n ? -v : v).toString();
          break;
        }
        case "u":
          body = unsigned(arg).toString();
          break;
        case "x":
          body = unsigned(arg).toString(16);
          if (flags.includes("#") && body !== "0") sign = "0x";
          break;
        case "X":
          body = unsigned(arg).toString(16).toUpperCase();
          if (flags.includes("#") && body !== "0") sign = "0X";
          break;
        case "o":
          body = unsigned(arg).toString(8);
          break;
        case "p":
          body = unsigned(arg).toString(16);
          sign = "0x";
          break;
        case "c":
          numeric = false;
          body =
            typeof arg === "number" ? String.fromCodePoint(arg) : String(arg ?? "").slice(0, 1);
          break;
        default: // "s"
          numeric = false;
          body = arg === null || arg === undefined ? "(null)" : String(arg);
          if (precision >= 0) body = body.slice(0, precision);
      }
      if (numeric && precision >= 0) body = body.padStart(precision, "0");
      const zeroPad = numeric && flags.includes("0") && !left && precision < 0;
      const total = sign.length + body.length;
      if (total >= width) return sign + body;
      if (left) return (sign + body).padEnd(width);
      if (zeroPad) return sign + body.padStart(width - sign.length, "0");
      return (sign + body).padStart(width);
    },
  );
}

function toBigInt(arg: PrintfArg): bigint {
  if (typeof arg === "bigint") return arg;
  if (typeof arg === "boolean") return arg ? 1n : 0n;
  const n = Number(arg ?? 0);
  return BigInt(Number.isFinite(n) ? Math.trunc(n) : 0);
}

/** The value as C would see it through an unsigned 32-bit (or 64-bit for bigint) type. */
function unsigned(arg: PrintfArg): bigint {
  if (typeof arg === "bigint") return BigInt.asUintN(64, arg);
  return BigInt.asUintN(32, toBigInt(arg));
}
