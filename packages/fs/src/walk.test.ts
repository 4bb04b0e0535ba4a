import { describe, expect, it } from "vitest";
import { ROOT } from "./credentials.js";
import { DeviceRegistry } from "./devices.js";
import { MountTable } from "./mount-table.js";
import { RamFs } from "./ramfs.js";
import { byteLength, isAncestor, resolve, walkParent, type VfsContext } from "./walk.js";
import { Vfs } from "./vfs.js";

function context(vfs: Vfs): VfsContext {
  const root = vfs.table.rootMount.root;
  return {
    table: vfs.table,
    devices: new DeviceRegistry(),
    root,
    cwd: root,
    cred: ROOT,
    umask: 0o022,
  };
}

describe("walkParent", () => {
  it("classifies the last component and trailing slashes", () => {
    const vfs = new Vfs();
    vfs.mkdirp("/a/b");
    const ctx = context(vfs);
    expect(walkParent(ctx, "/a/b/")).toMatchObject({ last: "b", kind: "normal", trailing: true });
    expect(walkParent(ctx, "a/.")).toMatchObject({ last: ".", kind: "dot", trailing: false });
    expect(walkParent(ctx, "/a/..")).toMatchObject({ kind: "dotdot" });
    expect(walkParent(ctx, "///")).toMatchObject({ kind: "root", last: "" });
  });

  it("follows symlinks in the middle of a path, relative to their directory", () => {
    const vfs = new Vfs();
    vfs.mkdirp("/a/b");
    vfs.symlink("b", "/a/to-b");
    vfs.symlink("/a", "/abs");
    const ctx = context(vfs);
    expect(walkParent(ctx, "/abs/to-b/x").dir.ino).toBe(vfs.stat("/a/b").ino);
    expect(resolve(ctx, "/abs/to-b/..", true).ino).toBe(vfs.stat("/a").ino);
    expect(resolve(ctx, "/abs", false).ino).toBe(vfs.lstat("/abs").ino);
  });
});

describe("isAncestor", () => {
  it("walks `..` within one mount", () => {
    const vfs = new Vfs();
    vfs.mkdirp("/a/b/c");
    const ctx = context(vfs);
    const a = resolve(ctx, "/a", true);
    const c = resolve(ctx, "/a/b/c", true);
    expect(isAncestor(a, c)).toBe(true);
    expect(isAncestor(c, a)).toBe(false);
    expect(isAncestor(a, a)).toBe(true);
    const other = new MountTable(new RamFs()).rootMount.root;
    expect(isAncestor(other, c)).toBe(false);
  });
});

describe("byteLength", () => {
  it("counts UTF-8 bytes", () => {
    expect([byteLength("abc"), byteLength("é"), byteLength("€"), byteLength("😀")]).toEqual([
      3, 2, 3, 4,
    ]);
  });
});
