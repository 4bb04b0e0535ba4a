import { describe, expect, it } from "vitest";
import { O_RDWR, O_WRONLY, devMajor, devMinor } from "./constants.js";
import { fileSystemConformance } from "./conformance.js";
import { DevFs } from "./devfs.js";
import { DeviceRegistry } from "./devices.js";
import { ErrnoError } from "./errno.js";
import { RamFs } from "./ramfs.js";
import { registerStandardDevices, simpleDevice } from "./standard-devices.js";
import { Vfs } from "./vfs.js";

function withDev(): Vfs {
  const vfs = new Vfs();
  vfs.mkdir("/dev");
  vfs.mount("/dev", new DevFs(vfs.devices));
  registerStandardDevices(vfs.devices, { random: (b) => b.fill(0xab) });
  return vfs;
}

describe("DevFs conformance (it is a ramfs for everything but its device nodes)", () => {
  for (const c of fileSystemConformance(() => new DevFs(new DeviceRegistry()))) {
    it(c.name, () => c.run());
  }
});

describe("devfs and the standard devices", () => {
  it("creates nodes with Linux numbers for registered drivers", () => {
    const vfs = withDev();
    expect(vfs.readdir("/dev").sort()).toEqual(["full", "null", "random", "urandom", "zero"]);
    const st = vfs.stat("/dev/null");
    expect(st.mode).toBe(0o020666);
    expect([devMajor(st.rdev), devMinor(st.rdev)]).toEqual([1, 3]);
  });

  it("behaves like null, zero, full and urandom", () => {
    const vfs = withDev();
    const buf = new Uint8Array(4).fill(7);
    const nul = vfs.open("/dev/null", O_RDWR);
    expect(nul.read(buf)).toBe(0);
    expect(nul.write(new Uint8Array(100))).toBe(100);
    nul.close();
    const zero = vfs.open("/dev/zero");
    expect(zero.read(buf)).toBe(4);
    expect([...buf]).toEqual([0, 0, 0, 0]);
    expect(zero.seek(100, 0)).toBe(0);
    zero.close();
    const full = vfs.open("/dev/full", O_WRONLY);
    expect(() => full.write(new Uint8Array(1))).toThrow(/ENOSPC/);
    full.close();
    const random = vfs.open("/dev/urandom");
    random.read(buf);
    expect([...buf]).toEqual([0xab, 0xab, 0xab, 0xab]);
    random.close();
    // An endless device gives one read's worth to readFile instead of reading forever.
    expect(vfs.readFile("/dev/zero").length).toBe(65536);
    expect(vfs.readFile("/dev/null").length).toBe(0);
  });

  it("adds nodes in subdirectories for drivers registered later, and opens nodes anywhere", () => {
    const vfs = withDev();
    const out: number[] = [];
    vfs.devices.register({
      name: "pts/0",
      major: 136,
      minor: 0,
      mode: 0o620,
      driver: simpleDevice({ write: (d) => out.push(...d) }),
    });
    vfs.open("/dev/pts/0", O_WRONLY).write(new Uint8Array([1, 2]));
    expect(out).toEqual([1, 2]);
    // A node made by mknod on a ramfs (as an initrd has) reaches the same driver.
    vfs.mknod("/tty-copy", 0o020600, vfs.stat("/dev/pts/0").rdev);
    vfs.open("/tty-copy", O_WRONLY).write(new Uint8Array([3]));
    expect(out).toEqual([1, 2, 3]);
  });

  it("gives ENXIO for a node without a driver and EEXIST for a taken number", () => {
    const vfs = withDev();
    vfs.mknod("/dev/nothing", 0o020600, 0x0f0f);
    expect(() => vfs.open("/dev/nothing")).toThrow(ErrnoError);
    expect(() => vfs.open("/dev/nothing")).toThrow(/ENXIO/);
    expect(() =>
      vfs.devices.register({ name: "again", major: 1, minor: 3, driver: simpleDevice({}) }),
    ).toThrow(/EEXIST/);
    vfs.devices.unregister(1, 3);
    expect(() => vfs.open("/dev/null")).toThrow(/ENXIO/);
  });

  it("keeps device nodes on an ordinary ramfs as plain nodes", () => {
    const vfs = new Vfs({ root: new RamFs() });
    vfs.mknod("/fifo", 0o010644);
    expect(vfs.stat("/fifo").mode).toBe(0o010644);
    expect(() => vfs.mknod("/bad", 0o140644)).toThrow(/EINVAL/);
  });
});
