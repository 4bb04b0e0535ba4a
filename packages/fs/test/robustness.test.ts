/**
 * Whatever a caller passes — odd paths, flags, modes, numbers — the VFS answers with a value
 * or an `ErrnoError`, never another exception (a guest must not be able to crash the host).
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DevFs } from "../src/devfs.js";
import { ErrnoError } from "../src/errno.js";
import { ProcFs } from "../src/procfs.js";
import { registerStandardDevices } from "../src/standard-devices.js";
import { Vfs } from "../src/vfs.js";

const segment = fc.oneof(
  fc.constantFrom("a", "b", ".", "..", "", "dev", "proc", "null", "self", "uptime"),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
  fc.constant("x".repeat(300)),
);
const path = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 5 }), fc.boolean())
  .map(([abs, parts, slash]) => (abs ? "/" : "") + parts.join("/") + (slash ? "/" : ""));
const number = fc.oneof(
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 2 ** 53, 0.5),
);

const call = fc.oneof(
  fc.tuple(fc.constant("open"), path, fc.nat(0o3777777), fc.nat(0o7777)),
  fc.tuple(fc.constant("mkdir"), path, number),
  fc.tuple(fc.constant("rmdir"), path),
  fc.tuple(fc.constant("unlink"), path),
  fc.tuple(fc.constant("rename"), path, path, fc.nat(3)),
  fc.tuple(fc.constant("symlink"), path, path),
  fc.tuple(fc.constant("link"), path, path),
  fc.tuple(fc.constant("readlink"), path),
  fc.tuple(fc.constant("stat"), path),
  fc.tuple(fc.constant("chmod"), path, number),
  fc.tuple(fc.constant("chown"), path, number, number),
  fc.tuple(fc.constant("utimes"), path, number, number),
  fc.tuple(fc.constant("truncate"), path, number),
  fc.tuple(fc.constant("access"), path, number),
  fc.tuple(fc.constant("readdir"), path),
  fc.tuple(fc.constant("mknod"), path, number, number),
  fc.tuple(fc.constant("rw"), path, number, number, fc.nat(3)),
);

function world(): Vfs {
  const vfs = new Vfs();
  vfs.mkdirp("/a/b");
  vfs.writeFile("/a/f", "data");
  vfs.mkdir("/dev");
  vfs.mount("/dev", new DevFs(vfs.devices));
  registerStandardDevices(vfs.devices, { random: (b) => b.fill(1) });
  const proc = new ProcFs();
  proc.register("uptime", () => "1.00 0.00\n");
  vfs.mkdir("/proc");
  vfs.mount("/proc", proc);
  return vfs;
}

function apply(vfs: Vfs, c: readonly unknown[]): void {
  const [name, a, b, d, e] = c as [string, string, never, never, never];
  switch (name) {
    case "open":
      vfs.open(a, b, d).close();
      return;
    case "rw": {
      const f = vfs.open(a, 2);
      try {
        f.pwrite(new Uint8Array(3), b);
        f.pread(new Uint8Array(3), d);
        f.seek(b, e);
        f.truncate(d);
      } finally {
        f.close();
      }
      return;
    }
    case "readdir":
      vfs.readdir(a);
      return;
    default:
      (vfs as unknown as Record<string, (...args: unknown[]) => unknown>)[name]?.(a, b, d);
  }
}

describe("robustness", () => {
  it("answers any call with a value or an ErrnoError", () => {
    fc.assert(
      fc.property(fc.array(call, { maxLength: 25 }), fc.boolean(), (calls, asUser) => {
        const root = world();
        const vfs = asUser ? root.as({ uid: 1000, gid: 1000, groups: [] }) : root;
        for (const c of calls) {
          try {
            apply(vfs, c);
          } catch (e) {
            if (!(e instanceof ErrnoError)) throw e;
            expect(e.errno).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
