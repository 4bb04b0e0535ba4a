/**
 * The conformance suite every `FileSystem` backend can run, independent of the test runner:
 * a list of named cases that throw on failure.
 */

import {
  O_APPEND,
  O_CREAT,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  SEEK_END,
  SEEK_SET,
  S_IFMT,
} from "./constants.js";
import { ErrnoError, type ErrnoName } from "./errno.js";
import type { FileSystem } from "./filesystem.js";
import { Vfs } from "./vfs.js";

/** One named check; `run` throws an `Error` describing the first failed expectation. */
export interface ConformanceCase {
  /** What it checks. */
  name: string;
  /** Runs the check on a fresh backend. */
  run(): void;
}

/** What a backend under test can do; checks needing a missing capability are left out. */
export interface ConformanceOptions {
  /** Owners can be changed to any uid (false for hostfs when not running as root). */
  chown?: boolean;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function equal(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

function fails(code: ErrnoName, what: string, body: () => unknown): void {
  try {
    body();
  } catch (e) {
    if (e instanceof ErrnoError && e.code === code) return;
    throw new Error(`${what}: expected ${code}, got ${String(e)}`);
  }
  throw new Error(`${what}: expected ${code}, but it succeeded`);
}

/**
 * The cases, each on a fresh backend from `make()` mounted at `/t` of a new `Vfs`.
 *
 * @example
 * ```ts
 * import { fileSystemConformance } from "@native-kit/fs/testing";
 * for (const c of fileSystemConformance(() => new RamFs())) it(c.name, () => c.run());
 * ```
 */
export function fileSystemConformance(
  make: () => FileSystem,
  options: ConformanceOptions = {},
): ConformanceCase[] {
  const fresh = (): Vfs => {
    const vfs = new Vfs();
    vfs.mkdir("/t");
    vfs.mount("/t", make());
    return vfs;
  };
  const cases: ConformanceCase[] = [
    {
      name: "writes, reads back and reports the size",
      run() {
        const vfs = fresh();
        vfs.writeFile("/t/f", "hello");
        equal(vfs.readFile("/t/f", "utf8"), "hello", "contents");
        equal(vfs.stat("/t/f").size, 5, "size");
        equal(vfs.stat("/t/f").mode & S_IFMT, 0o100000, "type");
      },
    },
    {
      name: "reads holes as zeros and truncates both ways",
      run() {
        const vfs = fresh();
        const f = vfs.open("/t/h", O_RDWR | O_CREAT, 0o644);
        f.pwrite(enc.encode("x"), 5000);
        const buf = new Uint8Array(5001);
        equal(f.pread(buf, 0), 5001, "read count");
        equal(
          buf.subarray(0, 5000).every((b) => b === 0),
          true,
          "hole is zeros",
        );
        f.truncate(2);
        f.truncate(10);
        equal(f.pread(new Uint8Array(20), 0), 10, "size after truncate");
        f.close();
      },
    },
    {
      name: "keeps the offset, seeks and appends",
      run() {
        const vfs = fresh();
        const f = vfs.open("/t/a", O_WRONLY | O_CREAT | O_APPEND, 0o644);
        f.write(enc.encode("ab"));
        f.seek(0, SEEK_SET);
        f.write(enc.encode("cd"));
        f.close();
        equal(vfs.readFile("/t/a", "utf8"), "abcd", "append ignores seek");
        const r = vfs.open("/t/a", O_RDONLY);
        equal(r.seek(-1, SEEK_END), 3, "seek end");
        const one = new Uint8Array(4);
        equal(dec.decode(one.subarray(0, r.read(one))), "d", "read at offset");
        r.close();
      },
    },
    {
      name: "makes and removes directories with link counts",
      run() {
        const vfs = fresh();
        vfs.mkdir("/t/d");
        const before = vfs.stat("/t").nlink;
        vfs.mkdir("/t/d/e");
        equal(vfs.stat("/t/d").nlink, 3, "nlink with a subdirectory");
        fails("ENOTEMPTY", "rmdir non-empty", () => vfs.rmdir("/t/d"));
        vfs.rmdir("/t/d/e");
        vfs.rmdir("/t/d");
        equal(vfs.stat("/t").nlink, before - 1, "parent nlink");
        fails("ENOENT", "stat removed", () => vfs.stat("/t/d"));
      },
    },
    {
      name: "renames over files and empty directories, not over non-empty ones",
      run() {
        const vfs = fresh();
        vfs.writeFile("/t/a", "A");
        vfs.writeFile("/t/b", "B");
        vfs.rename("/t/a", "/t/b");
        equal(vfs.readdir("/t").sort(), ["b"], "names");
        equal(vfs.readFile("/t/b", "utf8"), "A", "replaced");
        vfs.mkdir("/t/d1");
        vfs.mkdir("/t/d2");
        vfs.rename("/t/d1", "/t/d2");
        vfs.mkdir("/t/d3");
        vfs.writeFile("/t/d2/x", "");
        fails("ENOTEMPTY", "over non-empty", () => vfs.rename("/t/d3", "/t/d2"));
        fails("ENOTDIR", "dir over file", () => vfs.rename("/t/d3", "/t/b"));
        fails("EISDIR", "file over dir", () => vfs.rename("/t/b", "/t/d3"));
        fails("EINVAL", "into itself", () => vfs.rename("/t/d2", "/t/d2/x2"));
      },
    },
    {
      name: "hard links share an inode and outlive unlink while open",
      run() {
        const vfs = fresh();
        vfs.writeFile("/t/f", "data");
        vfs.link("/t/f", "/t/g");
        equal(vfs.stat("/t/f").ino, vfs.stat("/t/g").ino, "same inode");
        equal(vfs.stat("/t/g").nlink, 2, "nlink");
        const f = vfs.open("/t/g", O_RDONLY);
        vfs.unlink("/t/f");
        vfs.unlink("/t/g");
        const buf = new Uint8Array(8);
        equal(dec.decode(buf.subarray(0, f.read(buf))), "data", "read after unlink");
        f.close();
        fails("EPERM", "link a directory", () => vfs.link("/t", "/t/dirlink"));
      },
    },
    {
      name: "symlinks resolve and read back",
      run() {
        const vfs = fresh();
        vfs.writeFile("/t/target", "T");
        vfs.symlink("target", "/t/l");
        equal(vfs.readlink("/t/l"), "target", "readlink");
        equal(vfs.readFile("/t/l", "utf8"), "T", "follow");
        equal(vfs.lstat("/t/l").mode & S_IFMT, 0o120000, "lstat type");
        equal(vfs.lstat("/t/l").size, 6, "link size");
        fails("EINVAL", "readlink of a file", () => vfs.readlink("/t/target"));
      },
    },
    {
      name: "lists directories with cookies that survive changes",
      run() {
        const vfs = fresh();
        for (let i = 0; i < 20; i++) vfs.writeFile(`/t/f${i}`, "");
        const dir = vfs.open("/t", O_RDONLY);
        const first = dir.getdents(7);
        vfs.unlink("/t/f15");
        vfs.writeFile("/t/new", "");
        const seen = first.map((e) => e.name);
        for (let b = dir.getdents(5); b.length > 0; b = dir.getdents(5)) {
          seen.push(...b.map((e) => e.name));
        }
        dir.close();
        const unique = new Set(seen);
        equal(unique.size, seen.length, "no duplicates");
        for (let i = 0; i < 20; i++) {
          if (i !== 15 && !unique.has(`f${i}`)) throw new Error(`f${i} skipped`);
        }
        equal(unique.has(".") && unique.has(".."), true, "dot entries");
      },
    },
    {
      name: "changes mode and times",
      run() {
        const vfs = fresh();
        vfs.writeFile("/t/f", "");
        vfs.chmod("/t/f", 0o4711);
        equal(vfs.stat("/t/f").mode & 0o7777, 0o4711, "mode");
        vfs.utimes("/t/f", 1_000_000, 2_000_000);
        equal(vfs.stat("/t/f").atimeMs, 1_000_000, "atime");
        equal(vfs.stat("/t/f").mtimeMs, 2_000_000, "mtime");
      },
    },
    {
      name: "reports missing names and wrong types with errno",
      run() {
        const vfs = fresh();
        vfs.writeFile("/t/f", "");
        fails("ENOENT", "missing", () => vfs.stat("/t/missing"));
        fails("ENOTDIR", "file as dir", () => vfs.stat("/t/f/x"));
        fails("EEXIST", "mkdir existing", () => vfs.mkdir("/t/f"));
        fails("EISDIR", "unlink a dir", () => vfs.unlink("/t"));
        fails("ENOTDIR", "rmdir a file", () => vfs.rmdir("/t/f"));
      },
    },
  ];
  if (options.chown !== false) {
    cases.push({
      name: "changes owners",
      run() {
        const vfs = fresh();
        vfs.writeFile("/t/f", "");
        vfs.chown("/t/f", 1234, 5678);
        equal([vfs.stat("/t/f").uid, vfs.stat("/t/f").gid], [1234, 5678], "owner");
      },
    });
  }
  return cases;
}
