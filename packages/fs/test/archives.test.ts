/**
 * Archives made by real tools (GNU tar in ustar and GNU formats, GNU cpio newc; see
 * fixtures/build.sh) load with every entry intact, the exporter round-trips, and fuzzed
 * archives only ever throw the typed `ArchiveError`.
 */

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArchiveError } from "../src/archive-entry.js";
import { S_IFMT, devMajor, devMinor } from "../src/constants.js";
import { parseCpio } from "../src/cpio-reader.js";
import { loadArchive } from "../src/initrd.js";
import { parseTar } from "../src/tar-reader.js";
import { exportTar } from "../src/tar-writer.js";
import { Vfs } from "../src/vfs.js";

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

interface ManifestLine {
  path: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  dev: string;
  hostIno: string;
  link: string;
  sha: string;
}

function manifest(name: string): ManifestLine[] {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const [path, type, mode, uid, gid, size, mtime, dev, hostIno, link, sha] = line.split("|");
      return {
        path: path as string,
        type: type as string,
        mode: parseInt(mode as string, 8),
        uid: Number(uid),
        gid: Number(gid),
        size: Number(size),
        mtime: Number(mtime),
        dev: dev as string,
        hostIno: hostIno as string,
        link: link as string,
        sha: sha as string,
      };
    });
}

const TYPE_BITS: Record<string, number> = {
  directory: 0o040000,
  "regular file": 0o100000,
  "regular empty file": 0o100000,
  "symbolic link": 0o120000,
  fifo: 0o010000,
  "character special file": 0o020000,
};

/** Checks every manifest entry against the loaded tree under `dir`. */
function expectTree(vfs: Vfs, dir: string, lines: ManifestLine[]): void {
  const inodeOf = new Map<string, number>();
  for (const m of lines) {
    const path = `${dir}/${m.path}`;
    const st = vfs.lstat(path);
    const where = `${m.path}`;
    expect(st.mode & S_IFMT, where).toBe(TYPE_BITS[m.type]);
    expect(st.mode & 0o7777, where).toBe(m.mode);
    expect([st.uid, st.gid], where).toEqual([m.uid, m.gid]);
    expect(Math.floor(st.mtimeMs / 1000), where).toBe(m.mtime);
    if (m.type !== "directory") expect(st.size, where).toBe(m.size);
    if (m.link !== "-") expect(vfs.readlink(path), where).toBe(m.link);
    if (m.sha !== "-") {
      expect(createHash("sha256").update(vfs.readFile(path)).digest("hex"), where).toBe(m.sha);
    }
    if (m.type === "character special file") {
      const [maj, min] = m.dev.split(":").map((h) => parseInt(h, 16));
      expect([devMajor(st.rdev), devMinor(st.rdev)], where).toEqual([maj, min]);
    }
    // Names that shared a host inode (hard links) share one VFS inode, and only they do.
    if (m.type !== "directory") {
      const seen = inodeOf.get(m.hostIno);
      if (seen === undefined) inodeOf.set(m.hostIno, st.ino);
      else expect(st.ino, `${where} is a hard link`).toBe(seen);
    }
  }
  const names = (rel: string): string[] =>
    vfs.readdir(`${dir}/${rel}`).flatMap((n) => {
      const p = rel ? `${rel}/${n}` : n;
      return (vfs.lstat(`${dir}/${p}`).mode & S_IFMT) === 0o040000 ? [p, ...names(p)] : [p];
    });
  expect(names("").sort()).toEqual(lines.map((m) => m.path).sort());
}

describe("archives from real tools", () => {
  it("loads GNU tar --format=ustar with every entry intact", () => {
    const vfs = new Vfs();
    const result = loadArchive(vfs, "/root", fixture("tree.ustar.tar"));
    expect(result.format).toBe("ustar");
    expectTree(vfs, "/root", manifest("tree.manifest"));
  });

  it("loads GNU tar --format=gnu with long names and long link targets", () => {
    const vfs = new Vfs();
    loadArchive(vfs, "/", fixture("tree.gnu.tar"));
    const lines = manifest("tree.gnu.manifest");
    expect(lines.some((m) => m.path.length > 100 && !m.path.includes("/"))).toBe(true);
    expectTree(vfs, "", lines);
  });

  it("loads cpio -H newc with hard links, devices and FIFOs", () => {
    const vfs = new Vfs();
    const result = loadArchive(vfs, "/initrd", fixture("tree.cpio"));
    expect(result.format).toBe("cpio");
    expectTree(vfs, "/initrd", manifest("tree.manifest"));
    expect(vfs.stat("/initrd/bin/tool").nlink).toBe(2);
  });

  it("exports back to ustar and loads the export into the same tree", () => {
    const vfs = new Vfs();
    loadArchive(vfs, "/src", fixture("tree.gnu.tar"));
    const exported = exportTar(vfs, "/src");
    const copy = new Vfs();
    loadArchive(copy, "/dst", exported, { format: "ustar" });
    expectTree(copy, "/dst", manifest("tree.gnu.manifest"));
  });

  it("names the offset of a malformed header and changes nothing", () => {
    const bytes = fixture("tree.ustar.tar").slice();
    const entries = parseTar(fixture("tree.ustar.tar"));
    const victim = entries[3];
    if (!victim) throw new Error("fixture too small");
    bytes[victim.offset + 10] = (bytes[victim.offset + 10] ?? 0) ^ 0xff;
    const vfs = new Vfs();
    vfs.mkdir("/target");
    expect(() => loadArchive(vfs, "/target", bytes)).toThrow(
      new RegExp(`bad header checksum at offset ${victim.offset}`),
    );
    expect(vfs.readdir("/target")).toEqual([]);
  });

  it("reports truncation and bad magic with offsets", () => {
    const cpio = fixture("tree.cpio");
    expect(() => parseCpio(cpio.subarray(0, 300))).toThrow(ArchiveError);
    expect(() => parseCpio(cpio.subarray(0, 300))).toThrow(/cpio: .* at offset \d+/);
    const tar = fixture("tree.ustar.tar");
    expect(() => parseTar(tar.subarray(0, 1000))).toThrow(/ustar: truncated/);
    expect(() => loadArchive(new Vfs(), "/", new Uint8Array(1024))).toThrow(/neither a newc/);
    const bad = new TextEncoder().encode("070701zzzz".padEnd(200, "0"));
    expect(() => parseCpio(bad)).toThrow(/bad hex digit in header at offset 6/);
  });

  it("refuses entries that would climb out of the target directory", () => {
    const vfs = new Vfs();
    vfs.mkdir("/src");
    vfs.writeFile("/src/x", "x");
    const tar = exportTar(vfs, "/src");
    // Rename the member to "../x" and fix its checksum.
    tar.set(new TextEncoder().encode("../x\0"), 0);
    tar.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of tar.subarray(0, 512)) sum += b;
    tar.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    expect(() => parseTar(tar)).toThrow(/unsafe path '..\/x' at offset 0/);
  });
});

describe("fuzzed archives", () => {
  const sources = [fixture("tree.ustar.tar"), fixture("tree.gnu.tar"), fixture("tree.cpio")];

  /** A mutation of a real archive: truncation, flipped bytes, or huge size fields. */
  const mutated = fc
    .tuple(
      fc.nat(sources.length - 1),
      fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.boolean(),
    )
    .map(([which, flips, cut, hugeSize]) => {
      const source = sources[which] as Uint8Array;
      const bytes = source.slice(0, cut === undefined ? source.length : cut % source.length);
      for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
      if (hugeSize && bytes.length > 160) {
        if (which === 2) bytes.set(new TextEncoder().encode("FFFFFFFF"), 54);
        else bytes.set(new TextEncoder().encode("77777777777\0"), 124);
      }
      return bytes;
    });

  it("only ever throw ArchiveError (or load)", () => {
    fc.assert(
      fc.property(mutated, (bytes) => {
        const vfs = new Vfs();
        try {
          loadArchive(vfs, "/x", bytes);
        } catch (e) {
          if (!(e instanceof ArchiveError)) throw e;
          expect(e.code).toBe("EINVAL");
          expect(e.message).toMatch(/at offset \d+$/);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("random bytes behind a valid magic only ever throw ArchiveError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), (tail, cpio) => {
        const head = cpio ? new TextEncoder().encode("070701") : new Uint8Array(0);
        const bytes = new Uint8Array([...head, ...tail]);
        try {
          (cpio ? parseCpio : parseTar)(bytes);
        } catch (e) {
          if (!(e instanceof ArchiveError)) throw e;
        }
      }),
      { numRuns: 1500 },
    );
  });
});
