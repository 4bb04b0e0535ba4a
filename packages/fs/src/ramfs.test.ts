import { describe, expect, it } from "vitest";
import { fileSystemConformance } from "./conformance.js";
import { S_IFDIR, S_IFREG } from "./constants.js";
import { RamFs } from "./ramfs.js";
import { Vfs } from "./vfs.js";

describe("RamFs conformance", () => {
  for (const c of fileSystemConformance(() => new RamFs())) it(c.name, () => c.run());
});

describe("RamFs", () => {
  it("takes timestamps from the injected clock", () => {
    let now = 1000;
    const fs = new RamFs({ clock: () => now });
    const ino = fs.create(fs.rootIno, "f", { mode: S_IFREG | 0o644, uid: 1, gid: 2 });
    expect(fs.stat(ino)).toMatchObject({ atimeMs: 1000, mtimeMs: 1000, ctimeMs: 1000, uid: 1 });
    now = 2000;
    const h = fs.open(ino, 1);
    h.write(new Uint8Array([1]), 0);
    expect(fs.stat(ino)).toMatchObject({ atimeMs: 1000, mtimeMs: 2000, ctimeMs: 2000 });
    now = 3000;
    h.read(new Uint8Array(1), 0);
    expect(fs.stat(ino).atimeMs).toBe(3000);
    expect(fs.stat(fs.rootIno).mtimeMs).toBe(1000);
    h.close();
  });

  it("refuses to grow past its size limit with ENOSPC and frees space on unlink", () => {
    const vfs = new Vfs({ root: new RamFs({ sizeLimit: 100 }) });
    vfs.writeFile("/a", new Uint8Array(60));
    expect(() => vfs.writeFile("/b", new Uint8Array(60))).toThrow(/ENOSPC/);
    expect(() => vfs.truncate("/a", 101)).toThrow(/ENOSPC/);
    vfs.unlink("/a");
    vfs.writeFile("/b", new Uint8Array(100));
    expect(vfs.stat("/b").size).toBe(100);
  });

  it("reports usage through statfs", () => {
    const vfs = new Vfs({ root: new RamFs({ sizeLimit: 40960 }) });
    vfs.writeFile("/a", new Uint8Array(5000));
    expect(vfs.statfs("/")).toMatchObject({
      type: 0x858458f6,
      blockSize: 4096,
      blocks: 10,
      blocksFree: 8,
    });
  });

  it("keeps an unlinked open file's space until it is closed", () => {
    const fs = new RamFs({ sizeLimit: 10 });
    const vfs = new Vfs({ root: fs });
    vfs.writeFile("/a", new Uint8Array(10));
    const f = vfs.open("/a");
    vfs.unlink("/a");
    expect(fs.bytesUsed).toBe(10);
    f.close();
    expect(fs.bytesUsed).toBe(0);
    expect(fs.inodeCount).toBe(1);
  });

  it("numbers inodes uniquely and counts directory links", () => {
    const fs = new RamFs();
    const d = fs.create(fs.rootIno, "d", { mode: S_IFDIR | 0o755, uid: 0, gid: 0 });
    const e = fs.create(d, "e", { mode: S_IFDIR | 0o755, uid: 0, gid: 0 });
    expect(new Set([fs.rootIno, d, e]).size).toBe(3);
    expect(fs.stat(d).nlink).toBe(3);
    expect(fs.lookup(e, "..")).toBe(d);
    expect(fs.lookup(fs.rootIno, "..")).toBe(fs.rootIno);
    expect(() => fs.create(d, "e", { mode: S_IFREG, uid: 0, gid: 0 })).toThrow(/EEXIST/);
    expect(fs.lookup(d, "nope")).toBeUndefined();
  });
});
