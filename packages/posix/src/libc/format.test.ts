import { describe, expect, it } from "vitest";
import { formatPrintf } from "./format.js";

describe("formatPrintf", () => {
  it.each([
    ["%d|%i|%u", [-5, 7, -1], "-5|7|4294967295"],
    ["%x|%X|%#x|%o|%p", [255, 255, 255, 8, 0xb8000], "ff|FF|0xff|10|0xb8000"],
    ["%5d|%-5d|%05d|%+d|% d", [42, 42, -42, 3, 3], "   42|42   |-0042|+3| 3"],
    ["%.3d|%8.3s|%-4c|", [5, "abcdef", "z"], "005|     abc|z   |"],
    ["%*d|%-*s|", [4, 1, 3, "a"], "   1|a  |"],
    ["%s %s %c%%", [null, true, 65], "(null) true A%"],
    ["%lld %lx", [-(2n ** 40n), 16], "-1099511627776 10"],
  ] as const)("formats %j", (fmt, args, expected) => {
    expect(formatPrintf(fmt, args)).toBe(expected);
  });

  it("leaves text without conversions alone", () => {
    expect(formatPrintf("Hello World: using the syscall write\n", [])).toBe(
      "Hello World: using the syscall write\n",
    );
  });

  it("throws when an argument is missing", () => {
    expect(() => formatPrintf("%d and %d", [1])).toThrow(/no argument for %d/);
  });
});
