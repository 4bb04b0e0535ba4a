import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileSystemConformance } from "./conformance.js";
import { O_RDONLY, O_RDWR } from "./constants.js";
import { HostFs } from "./hostfs.js";
import { Vfs } from "./vfs.js";

const dirs: string[] = [];
function hostDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nk-hostfs-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("HostFs conformance", () => {
  const asRoot = process.getuid?.() === 0;
  for (const c of fileSystemConformance(() => new HostFs(hostDir()), { chown: asRoot })) {
    it(c.name, () => c.run());
  }
});

describe("HostFs", () => {
  it("shows host files and writes through to the host", () => {
    const dir = hostDir();
    fs.writeFileSync(`${dir}/from-host`, "host data");
    const vfs = new Vfs();
    vfs.mkdir("/host");
    vfs.mount("/host", new HostFs(dir), dir);
    expect(vfs.readFile("/host/from-host", "utf8")).toBe("host data");
    vfs.mkdir("/host/sub");
    vfs.writeFile("/host/sub/from-vfs", "guest data");
    expect(fs.readFileSync(`${dir}/sub/from-vfs`, "utf8")).toBe("guest data");
    vfs.rename("/host/sub", "/host/moved");
    expect(vfs.readFile("/host/moved/from-vfs", "utf8")).toBe("guest data");
    expect(fs.existsSync(`${dir}/moved/from-vfs`)).toBe(true);
    expect(vfs.statfs("/host").blockSize).toBe(fs.statfsSync(dir).bsize);
  });

  it("passes host errno codes through and keeps `..` inside its root", () => {
    const dir = hostDir();
    fs.mkdirSync(`${dir}/full`);
    fs.writeFileSync(`${dir}/full/x`, "");
    const vfs = new Vfs();
    vfs.mkdir("/h");
    vfs.mount("/h", new HostFs(dir));
    expect(() => vfs.rmdir("/h/full")).toThrow(/ENOTEMPTY/);
    expect(() => vfs.readFile("/h/none")).toThrow(/ENOENT/);
    expect(vfs.stat("/h/..").ino).toBe(vfs.stat("/").ino);
    expect(vfs.stat("/h/full/../..").ino).toBe(vfs.stat("/").ino);
    expect(() => vfs.mknod("/h/fifo", 0o010644)).toThrow(/EOPNOTSUPP/);
  });

  it("keeps an open file's identity when its name is renamed over", () => {
    const dir = hostDir();
    const vfs = new Vfs();
    vfs.mkdir("/h");
    vfs.mount("/h", new HostFs(dir));
    vfs.writeFile("/h/old", "12345");
    vfs.writeFile("/h/new", "");
    const f = vfs.open("/h/old", O_RDWR);
    vfs.rename("/h/new", "/h/old");
    expect(f.stat().size).toBe(5);
    f.truncate(2);
    expect(f.stat().size).toBe(2);
    expect(vfs.stat("/h/old").size).toBe(0);
    f.close();
  });

  it("refuses changes when read-only, and refuses a missing host directory", () => {
    const dir = hostDir();
    fs.writeFileSync(`${dir}/f`, "x");
    const vfs = new Vfs();
    vfs.mkdir("/ro");
    vfs.mount("/ro", new HostFs(dir, { readOnly: true }));
    expect(vfs.open("/ro/f", O_RDONLY).stat().size).toBe(1);
    expect(() => vfs.writeFile("/ro/g", "")).toThrow(/EROFS/);
    expect(() => vfs.unlink("/ro/f")).toThrow(/EROFS/);
    expect(() => new HostFs(`${dir}/missing`)).toThrow(/ENOENT/);
  });
});
