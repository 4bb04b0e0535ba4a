import { describe, expect, it } from "vitest";
import { detectFormat, loadArchive } from "./initrd.js";
import { exportTar } from "./tar-writer.js";
import { Vfs } from "./vfs.js";

describe("loadArchive", () => {
  it("keeps directory times even though their contents are created after them", () => {
    const src = new Vfs();
    src.mkdirp("/t/dir");
    src.writeFile("/t/dir/f", "x");
    src.utimes("/t/dir", 1_000_000, 1_000_000);
    src.chmod("/t/dir", 0o700);
    const dst = new Vfs();
    loadArchive(dst, "/out", exportTar(src, "/t"));
    expect(dst.stat("/out/dir").mtimeMs).toBe(1_000_000);
    expect(dst.stat("/out/dir").mode & 0o7777).toBe(0o700);
  });

  it("replaces existing files and keeps existing directories", () => {
    const src = new Vfs();
    src.mkdirp("/t/etc");
    src.writeFile("/t/etc/hostname", "new\n");
    const dst = new Vfs();
    dst.mkdirp("/etc");
    dst.writeFile("/etc/hostname", "old\n");
    dst.writeFile("/etc/keep", "kept");
    loadArchive(dst, "/", exportTar(src, "/t"));
    expect(dst.readFile("/etc/hostname", "utf8")).toBe("new\n");
    expect(dst.readFile("/etc/keep", "utf8")).toBe("kept");
  });

  it("refuses entries reached through a symlink of the same archive, before writing anything", () => {
    const a = new Vfs();
    a.mkdir("/t");
    a.symlink("/etc", "/t/l");
    const b = new Vfs();
    b.mkdirp("/t/l");
    b.writeFile("/t/l/passwd", "owned");
    // Two archives glued together: the symlink "l", then "l/passwd" (the "l/" directory
    // member of the second is left out, so nothing replaces the symlink first).
    const first = exportTar(a, "/t");
    const second = exportTar(b, "/t").subarray(512);
    const glued = new Uint8Array(first.length - 1024 + second.length);
    glued.set(first.subarray(0, first.length - 1024));
    glued.set(second, first.length - 1024);
    const dst = new Vfs();
    dst.mkdir("/etc");
    expect(() => loadArchive(dst, "/out", glued)).toThrow(
      /'l\/passwd' goes through the symlink 'l' at offset 512/,
    );
    expect(dst.exists("/out")).toBe(false);
    expect(dst.readdir("/etc")).toEqual([]);
  });

  it("detects the format by magic number", () => {
    expect(detectFormat(new TextEncoder().encode("070701"))).toBe("cpio");
    const src = new Vfs();
    src.mkdir("/t");
    src.writeFile("/t/f", "");
    expect(detectFormat(exportTar(src, "/t"))).toBe("ustar");
    expect(() => detectFormat(new Uint8Array(10))).toThrow(/neither/);
  });
});
