import { System } from "@native-kit/system";
import { describe, expect, it } from "vitest";
import { FileManager, FileSystemService, ProcFsService } from "./file-manager.js";
import { RamFs } from "./ramfs.js";
import { exportTar } from "./tar-writer.js";
import { Vfs } from "./vfs.js";

describe("FileManager", () => {
  it("provides a VFS with /dev, /proc and the initrd to other components", () => {
    const source = new Vfs();
    source.mkdirp("/etc");
    source.writeFile("/etc/motd", "welcome\n");
    const initrd = exportTar(source, "/");
    const system = new System({});
    const seen: string[] = [];
    system.install(
      new FileManager({ initrd, mounts: [{ path: "/tmp", fs: new RamFs() }], cwd: "/etc" }),
    );
    system.install({
      name: "user",
      needs: [FileSystemService, ProcFsService],
      init(ctx) {
        const vfs = ctx.get(FileSystemService);
        ctx.get(ProcFsService).register("uptime", () => "1.00 0.00\n");
        seen.push(vfs.readFile("motd", "utf8"));
        seen.push(vfs.readFile("/proc/uptime", "utf8"));
        const zero = vfs.open("/dev/zero");
        seen.push(String(zero.read(new Uint8Array(16))));
        zero.close();
        seen.push(vfs.readFile("/proc/mounts", "utf8"));
      },
    });
    system.boot();
    expect(seen.slice(0, 3)).toEqual(["welcome\n", "1.00 0.00\n", "16"]);
    expect(seen[3]).toBe(
      "none / ramfs rw 0 0\ndevfs /dev devfs rw 0 0\nproc /proc proc ro 0 0\nnone /tmp ramfs rw 0 0\n",
    );
  });

  it("fails the boot with the typed error of a bad initrd", () => {
    const system = new System({});
    system.install(new FileManager({ initrd: new Uint8Array(1024).fill(1) }));
    expect(() => system.boot()).toThrow(/neither a newc cpio nor a ustar archive/);
  });
});
