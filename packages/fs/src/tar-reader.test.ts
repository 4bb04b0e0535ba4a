import { describe, expect, it } from "vitest";
import { ArchiveError } from "./archive-entry.js";
import { parseTar } from "./tar-reader.js";

const enc = new TextEncoder();

/** A ustar header block with a valid checksum. */
function header(name: string, flag: string, size: number, sizeField?: Uint8Array): Uint8Array {
  const b = new Uint8Array(512);
  b.set(enc.encode(name), 0);
  b.set(enc.encode("0000644\0"), 100);
  b.set(enc.encode("0000000\0"), 108);
  b.set(enc.encode("0000000\0"), 116);
  b.set(sizeField ?? enc.encode(`${size.toString(8).padStart(11, "0")}\0`), 124);
  b.set(enc.encode("14000000000\0"), 136);
  b[156] = flag.charCodeAt(0);
  b.set(enc.encode("ustar\0" + "00"), 257);
  b.fill(0x20, 148, 156);
  const sum = b.reduce((n, x) => n + x, 0);
  b.set(enc.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
  return b;
}

function blocks(...parts: Uint8Array[]): Uint8Array {
  const padded = parts.map((p) => {
    const out = new Uint8Array(Math.ceil(p.length / 512) * 512);
    out.set(p);
    return out;
  });
  padded.push(new Uint8Array(1024));
  const out = new Uint8Array(padded.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of padded) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe("parseTar", () => {
  it("reads pax path records and GNU base-256 sizes", () => {
    const pax = enc.encode("28 path=from/pax/header.txt\n");
    const base256 = new Uint8Array(12);
    base256[0] = 0x80;
    base256[11] = 3;
    const archive = blocks(
      header("PaxHeader", "x", pax.length),
      pax,
      header("short", "0", 0, base256),
      enc.encode("abc"),
    );
    const [entry] = parseTar(archive);
    expect(entry).toMatchObject({
      path: "from/pax/header.txt",
      type: "file",
      mtimeMs: 1_610_612_736_000,
    });
    expect(new TextDecoder().decode(entry?.data)).toBe("abc");
  });

  it("names the offset of a bad octal field, a bad magic and a negative base-256 number", () => {
    const bad = header("x", "0", 0);
    bad.set(enc.encode("00009"), 100);
    expect(() => parseTar(blocks(bad))).toThrow(ArchiveError);
    const noMagic = header("x", "0", 0);
    noMagic.set(enc.encode("nope!\0"), 257);
    expect(() => parseTar(blocks(noMagic))).toThrow(/at offset 0/);
    const negative = new Uint8Array(12);
    negative[0] = 0xff;
    expect(() => parseTar(blocks(header("x", "0", 0, negative)))).toThrow(
      /negative number at offset 124/,
    );
  });

  it("refuses a size larger than the archive and a missing end", () => {
    expect(() => parseTar(blocks(header("x", "0", 1 << 30)))).toThrow(
      /truncated: entry needs 1073741824 bytes/,
    );
    expect(() => parseTar(header("x", "0", 0))).toThrow(/no end-of-archive blocks at offset 512/);
  });
});
