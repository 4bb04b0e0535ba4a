import { describe, expect, it } from "vitest";
import { parseCpio } from "./cpio-reader.js";

const enc = new TextEncoder();

/** One newc member: header fields in order ino, mode, uid, gid, nlink, mtime, data, name. */
function member(ino: number, mode: number, nlink: number, name: string, data = ""): Uint8Array {
  const hex = (n: number): string => n.toString(16).padStart(8, "0");
  const body = enc.encode(data);
  const fields = [
    ino,
    mode,
    0,
    0,
    nlink,
    1_700_000_000,
    body.length,
    0,
    0,
    0,
    0,
    name.length + 1,
    0,
  ];
  const head = `070701${fields.map(hex).join("")}${name}\0`;
  const pad = (n: number): string => "\0".repeat((4 - (n % 4)) % 4);
  return enc.encode(head + pad(head.length) + data + pad(body.length));
}

function archive(...parts: Uint8Array[]): Uint8Array {
  const all = [...parts, member(0, 0, 1, "TRAILER!!!")];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe("parseCpio", () => {
  it("gives the data stored with the last hard link to the first name", () => {
    const entries = parseCpio(
      archive(member(5, 0o100644, 2, "a"), member(5, 0o100644, 2, "b", "shared")),
    );
    expect(entries.map((e) => [e.path, e.type, e.linkTarget])).toEqual([
      ["a", "file", ""],
      ["b", "hardlink", "a"],
    ]);
    expect(new TextDecoder().decode(entries[0]?.data)).toBe("shared");
  });

  it("reads symlink targets from the data and rejects unknown file types", () => {
    const [link] = parseCpio(archive(member(1, 0o120777, 1, "./l", "target")));
    expect(link).toMatchObject({
      path: "l",
      type: "symlink",
      linkTarget: "target",
      mtimeMs: 1.7e12,
    });
    expect(() => parseCpio(archive(member(1, 0o000644, 1, "x")))).toThrow(
      /unknown file type .* at offset 0/,
    );
  });

  it("needs the trailer", () => {
    expect(() => parseCpio(member(1, 0o100644, 1, "a", "x"))).toThrow(
      /truncated header at offset 116/,
    );
  });
});
