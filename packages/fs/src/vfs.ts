/**
 * The VFS: a mount table, a path walker and open-file objects over `FileSystem` backends,
 * with the caller's credential, current directory, root and umask.
 */

import {
  O_CREAT,
  O_DIRECTORY,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
  X_OK,
  isCharDevice,
  isDirectory,
} from "./constants.js";
import { ROOT, permits, type Credentials } from "./credentials.js";
import { DeviceRegistry } from "./devices.js";
import { ErrnoError } from "./errno.js";
import type { FileSystem, FsStatistics } from "./filesystem.js";
import { MountTable, sameLocation, type Location, type Mount } from "./mount-table.js";
import type { OpenFile } from "./open-file.js";
import { RamFs } from "./ramfs.js";
import { systemClock, type Clock, type Stats } from "./stats.js";
import * as attrs from "./vfs-attrs.js";
import * as names from "./vfs-names.js";
import { openPath } from "./vfs-open.js";
import { parentOf, resolve, statAt, type VfsContext } from "./walk.js";

/** Options of a new `Vfs`. */
export interface VfsOptions {
  /** The root file system; default a fresh `RamFs` (with `clock`). */
  root?: FileSystem;
  /** The credential operations run as; default root. */
  cred?: Credentials;
  /** The file mode creation mask; default 0o022. */
  umask?: number;
  /** The clock for `utimes(null)` and the default root's timestamps; default `Date.now`. */
  clock?: Clock;
}

const encoder = new TextEncoder();
/** What `readFile` reads from a character device: one read of this size. */
const DEVICE_READ = 65536;
const decoder = new TextDecoder();

/**
 * A Linux-like virtual file system. Every method is synchronous and throws `ErrnoError` with
 * the errno Linux would give. `as()` and `at()` give views that share the mounts but have
 * their own credential or current directory, which is what processes need.
 *
 * @example
 * ```ts
 * const vfs = new Vfs();
 * vfs.mkdir("/tmp");
 * vfs.mount("/tmp", new RamFs({ sizeLimit: 1 << 20 }));
 * vfs.writeFile("/tmp/hello.txt", "hello\n");
 * vfs.readFile("/tmp/hello.txt", "utf8"); // "hello\n"
 * ```
 */
export class Vfs {
  /** Character device drivers, shared by all views. */
  readonly devices: DeviceRegistry;
  /** The mounts, shared by all views. */
  readonly table: MountTable;
  private readonly ctx: VfsContext;
  private readonly clock: Clock;

  /**
   * @param options - root file system, credential, umask, clock.
   * @param shared - the mounts and devices of another `Vfs` to share (how `as()` and `at()`
   *   make views); a new mount table and device registry when absent.
   */
  constructor(options: VfsOptions = {}, shared?: { table: MountTable; devices: DeviceRegistry }) {
    const clock = options.clock;
    this.table = shared?.table ?? new MountTable(options.root ?? new RamFs(clock ? { clock } : {}));
    this.devices = shared?.devices ?? new DeviceRegistry();
    this.clock = options.clock ?? systemClock;
    const root = this.table.rootMount.root;
    this.ctx = {
      table: this.table,
      devices: this.devices,
      root,
      cwd: root,
      cred: options.cred ?? ROOT,
      umask: options.umask ?? 0o022,
    };
  }

  /** The credential operations run as. */
  get cred(): Credentials {
    return this.ctx.cred;
  }

  /** The file mode creation mask. */
  get umask(): number {
    return this.ctx.umask;
  }

  set umask(mask: number) {
    this.ctx.umask = mask & 0o777;
  }

  /** A view sharing mounts and devices, running as `cred`, with the same cwd and root. */
  as(cred: Credentials): Vfs {
    const view = new Vfs({ cred, umask: this.ctx.umask, clock: this.clock }, this);
    view.ctx.cwd = this.ctx.cwd;
    view.ctx.root = this.ctx.root;
    return view;
  }

  /** A view whose relative paths start at the open directory `dir` (for the `*at` calls). */
  at(dir: OpenFile): Vfs {
    if (!dir.isDirectory) throw new ErrnoError("ENOTDIR", "openat", dir.path);
    const view = this.as(this.ctx.cred);
    view.ctx.cwd = dir.location;
    return view;
  }

  /** Mounts `fs` on the directory `path` (root only). */
  mount(path: string, fs: FileSystem, source = "none"): Mount {
    return this.run("mount", path, () => {
      if (this.ctx.cred.uid !== 0) throw new ErrnoError("EPERM");
      const loc = resolve(this.ctx, path, true);
      if (!isDirectory(statAt(loc).mode)) throw new ErrnoError("ENOTDIR");
      return this.table.mount(loc, fs, source);
    });
  }

  /** Unmounts the file system mounted at `path` (`EINVAL` if none, `EBUSY` if in use). */
  umount(path: string): void {
    this.run("umount", path, () => {
      if (this.ctx.cred.uid !== 0) throw new ErrnoError("EPERM");
      const loc = resolve(this.ctx, path, true);
      if (loc.ino !== loc.mount.fs.rootIno) throw new ErrnoError("EINVAL");
      if (loc.mount.parent === null) throw new ErrnoError("EBUSY");
      if (loc.mount === this.ctx.cwd.mount || loc.mount === this.ctx.root.mount) {
        throw new ErrnoError("EBUSY");
      }
      this.table.umount(loc.mount);
    });
  }

  /** Opens a file with `open(2)` flags; `mode` applies when `O_CREAT` creates it. */
  open(path: string, flags: number = O_RDONLY, mode = 0o666): OpenFile {
    return this.run("open", path, () => openPath(this.ctx, path, flags, mode));
  }

  /** Attributes, following a final symlink. */
  stat(path: string): Stats {
    return this.run("stat", path, () => attrs.stat(this.ctx, path, true));
  }

  /** Attributes of the link itself when the last component is a symlink. */
  lstat(path: string): Stats {
    return this.run("lstat", path, () => attrs.stat(this.ctx, path, false));
  }

  /** Usage figures of the file system holding `path` (`statfs`); zeros if it has none. */
  statfs(path: string): FsStatistics {
    return this.run("statfs", path, () => {
      const fs = resolve(this.ctx, path, true).mount.fs;
      const none = {
        type: 0,
        blockSize: 4096,
        blocks: 0,
        blocksFree: 0,
        files: 0,
        filesFree: 0,
        nameMax: 255,
      };
      return fs.statfs?.() ?? none;
    });
  }

  /** Whether `path` resolves (following symlinks) for this credential. */
  exists(path: string): boolean {
    try {
      resolve(this.ctx, path, true);
      return true;
    } catch (e) {
      if (e instanceof ErrnoError) return false;
      throw e;
    }
  }

  /** Creates a directory (`mode` masked by the umask). */
  mkdir(path: string, mode = 0o777): void {
    this.run("mkdir", path, () => names.mkdir(this.ctx, path, mode));
  }

  /** Creates a directory and any missing parents; existing directories are fine. */
  mkdirp(path: string, mode = 0o777): void {
    const parts = path.split("/").filter((p) => p !== "");
    let prefix = path.startsWith("/") ? "" : ".";
    for (const part of parts) {
      prefix = `${prefix}/${part}`;
      try {
        this.mkdir(prefix, mode);
      } catch (e) {
        if (!(e instanceof ErrnoError) || e.code !== "EEXIST" || !this.statIsDir(prefix)) throw e;
      }
    }
  }

  /** Creates a file, device node or FIFO. */
  mknod(path: string, mode: number, rdev = 0): void {
    this.run("mknod", path, () => names.mknod(this.ctx, path, mode, rdev));
  }

  /** Removes an empty directory. */
  rmdir(path: string): void {
    this.run("rmdir", path, () => names.rmdir(this.ctx, path));
  }

  /** Removes a name of a non-directory. */
  unlink(path: string): void {
    this.run("unlink", path, () => names.unlink(this.ctx, path));
  }

  /**
   * Renames, with Linux's rules for directories and existing targets; `flags` as
   * `renameat2` (`RENAME_NOREPLACE`, or `RENAME_EXCHANGE` to swap two names).
   */
  rename(oldPath: string, newPath: string, flags = 0): void {
    this.run("rename", oldPath, () => names.rename(this.ctx, oldPath, newPath, flags));
  }

  /** Creates a symbolic link at `path` pointing at `target`. */
  symlink(target: string, path: string): void {
    this.run("symlink", path, () => names.symlink(this.ctx, target, path));
  }

  /** The target of a symbolic link. */
  readlink(path: string): string {
    return this.run("readlink", path, () => attrs.readlink(this.ctx, path));
  }

  /** Adds a hard link. */
  link(oldPath: string, newPath: string): void {
    this.run("link", newPath, () => names.link(this.ctx, oldPath, newPath));
  }

  /** Changes permission bits (following symlinks). */
  chmod(path: string, mode: number): void {
    this.run("chmod", path, () => attrs.chmodAt(this.ctx, resolve(this.ctx, path, true), mode));
  }

  /** Changes owner and group (-1 keeps one), following symlinks. */
  chown(path: string, uid: number, gid: number): void {
    this.run("chown", path, () => attrs.chownAt(this.ctx, resolve(this.ctx, path, true), uid, gid));
  }

  /** Changes permission bits of an open file (`fchmod`). */
  fchmod(file: OpenFile, mode: number): void {
    this.run("fchmod", file.path, () => attrs.chmodAt(this.ctx, this.live(file), mode));
  }

  /** Changes owner and group of an open file (`fchown`; -1 keeps one). */
  fchown(file: OpenFile, uid: number, gid: number): void {
    this.run("fchown", file.path, () => attrs.chownAt(this.ctx, this.live(file), uid, gid));
  }

  /** Sets the times of an open file (`futimens`); `null` means now. */
  futimes(file: OpenFile, atimeMs: number | null, mtimeMs: number | null): void {
    this.run("futimes", file.path, () =>
      attrs.utimesAt(this.ctx, this.live(file), atimeMs, mtimeMs, this.clock()),
    );
  }

  /** Changes owner and group of a symlink itself. */
  lchown(path: string, uid: number, gid: number): void {
    this.run("lchown", path, () =>
      attrs.chownAt(this.ctx, resolve(this.ctx, path, false), uid, gid),
    );
  }

  /** Sets access and modification times in milliseconds; `null` means now. */
  utimes(path: string, atimeMs: number | null, mtimeMs: number | null, follow = true): void {
    this.run("utimes", path, () =>
      attrs.utimesAt(this.ctx, resolve(this.ctx, path, follow), atimeMs, mtimeMs, this.clock()),
    );
  }

  /** Sets the size of a regular file. */
  truncate(path: string, length: number): void {
    this.run("truncate", path, () => attrs.truncate(this.ctx, path, length));
  }

  /** Checks access (`F_OK`, or `R_OK | W_OK | X_OK`) for this view's credential. */
  access(path: string, mode: number): void {
    this.run("access", path, () => attrs.access(this.ctx, path, mode));
  }

  /** Changes the current directory. */
  chdir(path: string): void {
    this.run("chdir", path, () => {
      const loc = resolve(this.ctx, path, true);
      const st = statAt(loc);
      if (!isDirectory(st.mode)) throw new ErrnoError("ENOTDIR");
      if (!permits(this.ctx.cred, st, X_OK)) throw new ErrnoError("EACCES");
      this.ctx.cwd = loc;
    });
  }

  /** Changes the root directory of this view (`chroot`, root only). */
  chroot(path: string): void {
    this.run("chroot", path, () => {
      if (this.ctx.cred.uid !== 0) throw new ErrnoError("EPERM");
      const loc = resolve(this.ctx, path, true);
      if (!isDirectory(statAt(loc).mode)) throw new ErrnoError("ENOTDIR");
      this.ctx.root = loc;
    });
  }

  /** The absolute path of the current directory, as `getcwd` gives it. */
  getcwd(): string {
    return this.run("getcwd", undefined, () => this.pathOf(this.ctx.cwd));
  }

  /** The absolute path of a location, found by walking `..` to the root. */
  pathOf(loc: Location): string {
    const parts: string[] = [];
    let at = loc;
    for (let depth = 0; depth < 4096; depth++) {
      if (sameLocation(at, this.ctx.root)) return `/${parts.reverse().join("/")}`;
      // The name of a mounted root is that of the directory it covers.
      let named = at;
      while (named.ino === named.mount.fs.rootIno && named.mount.parent !== null) {
        named = { mount: named.mount.parent, ino: named.mount.mountpoint };
      }
      const parent = parentOf(this.ctx, at);
      if (sameLocation(parent, at)) return `/${parts.reverse().join("/")}`;
      parts.push(this.nameIn(parent, named));
      at = parent;
    }
    throw new ErrnoError("ENAMETOOLONG", "getcwd");
  }

  /** The absolute path `path` resolves to, symlinks followed (`realpath`). */
  realpath(path: string): string {
    return this.run("realpath", path, () => this.pathOf(resolve(this.ctx, path, true)));
  }

  /** The names in a directory, without `.` and `..` (readable directories only). */
  readdir(path: string): string[] {
    return this.run("readdir", path, () => {
      const dir = openPath(this.ctx, path, O_RDONLY | O_DIRECTORY, 0);
      try {
        const out: string[] = [];
        for (let batch = dir.getdents(256); batch.length > 0; batch = dir.getdents(256)) {
          for (const e of batch) if (e.name !== "." && e.name !== "..") out.push(e.name);
        }
        return out;
      } finally {
        dir.close();
      }
    });
  }

  /**
   * The whole contents of a file, as bytes or decoded as UTF-8. A character device has no end
   * (`/dev/zero`), so for one this returns what a single 64 KiB `read` gives.
   */
  readFile(path: string): Uint8Array;
  readFile(path: string, encoding: "utf8"): string;
  readFile(path: string, encoding?: "utf8"): Uint8Array | string {
    const file = this.open(path, O_RDONLY);
    try {
      const chunks: Uint8Array[] = [];
      let total = 0;
      const st = file.stat();
      const size = st.size;
      if (isCharDevice(st.mode)) {
        const buffer = new Uint8Array(DEVICE_READ);
        const bytes = buffer.subarray(0, file.read(buffer));
        return encoding === "utf8" ? decoder.decode(bytes) : bytes;
      }
      for (;;) {
        const chunk = new Uint8Array(Math.max(4096, size - total + 1));
        const n = file.read(chunk);
        if (n === 0) break;
        chunks.push(chunk.subarray(0, n));
        total += n;
      }
      const out = chunks.length === 1 ? (chunks[0] as Uint8Array) : concat(chunks, total);
      return encoding === "utf8" ? decoder.decode(out) : out;
    } finally {
      file.close();
    }
  }

  /** Creates or replaces a file's contents (`O_WRONLY | O_CREAT | O_TRUNC`). */
  writeFile(path: string, data: Uint8Array | string, mode = 0o666): void {
    const file = this.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    try {
      const bytes = typeof data === "string" ? encoder.encode(data) : data;
      let done = 0;
      while (done < bytes.length) done += file.write(bytes.subarray(done));
    } finally {
      file.close();
    }
  }

  /** Resolves a path to its location (for callers that keep inode references). */
  locate(path: string, follow = true): Location {
    return this.run("locate", path, () => resolve(this.ctx, path, follow));
  }

  private live(file: OpenFile): Location {
    if (file.isClosed) throw new ErrnoError("EBADF");
    return file.location;
  }

  private statIsDir(path: string): boolean {
    try {
      return isDirectory(this.stat(path).mode);
    } catch {
      return false;
    }
  }

  private nameIn(dir: Location, child: Location): string {
    const fs = dir.mount.fs;
    let cookie = 0;
    for (;;) {
      const batch = fs.readdir(dir.ino, cookie, 256);
      if (batch.length === 0) throw new ErrnoError("ENOENT", "getcwd");
      for (const e of batch) {
        if (e.ino === child.ino && dir.mount === child.mount) return e.name;
        cookie = e.cookie;
      }
    }
  }

  /** Runs an operation, naming the syscall and path in any errno error it throws. */
  private run<T>(syscall: string, path: string | undefined, body: () => T): T {
    try {
      return body();
    } catch (e) {
      if (e instanceof ErrnoError) throw e.withContext(syscall, path);
      throw e;
    }
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
