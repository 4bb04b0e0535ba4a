import { describe, expect, it } from "vitest";
import { O_APPEND, O_CREAT, O_RDWR, O_WRONLY, SEEK_END } from "./constants.js";
import { DevFs } from "./devfs.js";
import { registerStandardDevices } from "./standard-devices.js";
import { Vfs } from "./vfs.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

describe("OpenFile", () => {
  it("appends with pwrite under O_APPEND, as Linux does", () => {
    const vfs = new Vfs();
    const f = vfs.open("/f", O_RDWR | O_CREAT | O_APPEND);
    f.write(enc.encode("abc"));
    f.pwrite(enc.encode("Z"), 0);
    const buf = new Uint8Array(8);
    expect(dec.decode(buf.subarray(0, f.pread(buf, 0)))).toBe("abcZ");
    expect(() => f.pread(buf, -1)).toThrow(/EINVAL/);
    f.close();
  });

  it("shares one offset between users of the same open file", () => {
    const vfs = new Vfs();
    vfs.writeFile("/f", "0123456789");
    const f = vfs.open("/f");
    const dup = f; // what dup() gives: the same object
    const two = new Uint8Array(2);
    f.read(two);
    dup.read(two);
    expect(dec.decode(two)).toBe("23");
    expect(f.position).toBe(4);
    expect(f.seek(0, SEEK_END)).toBe(10);
    f.close();
  });

  it("ignores offsets on character devices", () => {
    const vfs = new Vfs();
    vfs.mkdir("/dev");
    vfs.mount("/dev", new DevFs(vfs.devices));
    registerStandardDevices(vfs.devices);
    const nul = vfs.open("/dev/null", O_WRONLY);
    expect(nul.seek(100, 0)).toBe(0);
    expect(() => nul.truncate(0)).toThrow(/EINVAL/);
    nul.close();
  });

  it("keeps the mount busy while open", () => {
    const vfs = new Vfs();
    vfs.writeFile("/f", "");
    const f = vfs.open("/f");
    expect(vfs.table.rootMount.opens).toBe(1);
    f.close();
    expect(vfs.table.rootMount.opens).toBe(0);
    expect(f.isClosed).toBe(true);
  });
});
