import { describe, expect, it } from "vitest";
import { MountTable, sameLocation } from "./mount-table.js";
import { RamFs } from "./ramfs.js";

describe("MountTable", () => {
  it("stacks mounts on a directory and unmounts the top one first", () => {
    const table = new MountTable(new RamFs());
    const root = table.rootMount.root;
    const first = table.mount(root, new RamFs(), "one");
    const second = table.mount(root, new RamFs(), "two");
    expect(table.topAt(root).mount).toBe(second);
    expect(second.parent).toBe(first);
    expect(() => table.umount(first)).toThrow(/EBUSY/);
    table.umount(second);
    expect(table.topAt(root).mount).toBe(first);
    expect(table.mounts.map((m) => m.source)).toEqual(["none", "one"]);
  });

  it("refuses to unmount the root or a mount with open files", () => {
    const table = new MountTable(new RamFs());
    expect(() => table.umount(table.rootMount)).toThrow(/EBUSY/);
    const m = table.mount(table.rootMount.root, new RamFs());
    m.opens = 1;
    expect(() => table.umount(m)).toThrow(/EBUSY/);
    expect(sameLocation(m.root, { mount: m, ino: 1 })).toBe(true);
  });
});
