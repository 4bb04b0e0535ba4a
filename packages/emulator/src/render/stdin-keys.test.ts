import { describe, expect, it } from "vitest";
import { stdinToScancodes } from "./stdin-keys.js";

const bytes = (s: string | number[]) =>
  typeof s === "string" ? new TextEncoder().encode(s) : new Uint8Array(s);

describe("stdinToScancodes", () => {
  it("types letters, digits and shifted characters", () => {
    expect(stdinToScancodes(bytes("a1"))).toEqual([0x1e, 0x9e, 0x02, 0x82]);
    expect(stdinToScancodes(bytes("A!"))).toEqual([0x2a, 0x1e, 0x9e, 0xaa, 0x2a, 0x02, 0x82, 0xaa]);
  });

  it("maps Enter, Backspace, Tab and Ctrl combinations", () => {
    expect(stdinToScancodes(bytes([0x0d]))).toEqual([0x1c, 0x9c]);
    expect(stdinToScancodes(bytes([0x7f]))).toEqual([0x0e, 0x8e]);
    expect(stdinToScancodes(bytes([0x09]))).toEqual([0x0f, 0x8f]);
    expect(stdinToScancodes(bytes([0x03]))).toEqual([0x1d, 0x2e, 0xae, 0x9d]);
  });

  it("decodes arrow keys and editing keys from CSI and SS3 sequences", () => {
    expect(stdinToScancodes(bytes("\x1b[A\x1b[D"))).toEqual([
      0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x4b, 0xe0, 0xcb,
    ]);
    expect(stdinToScancodes(bytes("\x1bOB"))).toEqual([0xe0, 0x50, 0xe0, 0xd0]);
    expect(stdinToScancodes(bytes("\x1b[3~"))).toEqual([0xe0, 0x53, 0xe0, 0xd3]);
    expect(stdinToScancodes(bytes("\x1bOP"))).toEqual([0x3b, 0xbb]);
  });

  it("reads a lone ESC as Escape and ESC+key as Alt+key", () => {
    expect(stdinToScancodes(bytes([0x1b]))).toEqual([0x01, 0x81]);
    expect(stdinToScancodes(bytes("\x1bx"))).toEqual([0x38, 0x2d, 0xad, 0xb8]);
  });

  it("ignores bytes no key produces", () => {
    expect(stdinToScancodes(bytes("é"))).toEqual([]);
    expect(stdinToScancodes(bytes("\x1b[99~"))).toEqual([]);
  });
});
