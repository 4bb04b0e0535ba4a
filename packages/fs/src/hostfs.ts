/**
 * hostfs: a directory of the host mirrored through `node:fs` — Node only, exported from
 * `@native-kit/fs/node` so browser bundles never import `node:fs`.
 */

import * as fs from "node:fs";
import { S_IFDIR, S_IFMT, S_IFREG } from "./constants.js";
import { ErrnoError, isErrnoName } from "./errno.js";
import type { CreateAttr, DirEntry, FileHandle, FileSystem, FsStatistics } from "./filesystem.js";
import type { SetAttr, Stats } from "./stats.js";

/** Options of a `HostFs`. */
export interface HostFsOptions {
  /** Refuse every change with `EROFS`. */
  readOnly?: boolean;
}

/** Runs a host call, turning Node's errors into `ErrnoError`s with the host's errno name. */
function host<T>(syscall: string, path: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new ErrnoError(isErrnoName(code) ? code : "EIO", syscall, path);
  }
}

/**
 * A `FileSystem` over a host directory. Host errno codes pass through (`ENOENT`, `EACCES`,
 * `ENOTEMPTY`, …); inode numbers are local, assigned per host (device, inode) pair, so hard
 * links keep one number. New files get the requested mode exactly (the host umask is undone)
 * and, when the host process is root, the requested owner.
 *
 * @example
 * ```ts
 * import { HostFs } from "@native-kit/fs/node";
 * vfs.mkdir("/host");
 * vfs.mount("/host", new HostFs(process.cwd()), process.cwd());
 * ```
 */
export class HostFs implements FileSystem {
  readonly type = "hostfs";
  readonly rootIno = 1;
  readonly readOnly: boolean;
  private readonly paths = new Map<number, string>();
  private readonly ids = new Map<string, number>();
  /** Host (device, inode) of each local inode number, to notice a name now holding another. */
  private readonly keys = new Map<number, string>();
  private readonly cookies = new Map<number, { next: number; byName: Map<string, number> }>();
  private nextIno = 2;
  private readonly asRoot = process.getuid?.() === 0;

  constructor(
    /** The host directory shown as this file system's root. */
    readonly hostRoot: string,
    options: HostFsOptions = {},
  ) {
    this.readOnly = options.readOnly ?? false;
    const st = host("mount", hostRoot, () => fs.statSync(hostRoot));
    if (!st.isDirectory()) throw new ErrnoError("ENOTDIR", "mount", hostRoot);
    this.paths.set(1, hostRoot.replace(/\/+$/, "") || "/");
    this.ids.set(`${st.dev}:${st.ino}`, 1);
    this.keys.set(1, `${st.dev}:${st.ino}`);
  }

  stat(ino: number): Stats {
    return toStats(ino, this.live(ino).st);
  }

  /** The host file system's figures (`statfs(2)` of the host directory). */
  statfs(): FsStatistics {
    const root = this.path(this.rootIno);
    const st = host("statfs", root, () => fs.statfsSync(root));
    return {
      type: st.type,
      blockSize: st.bsize,
      blocks: st.blocks,
      blocksFree: st.bavail,
      files: st.files,
      filesFree: st.ffree,
      nameMax: 255,
    };
  }

  setattr(ino: number, attr: SetAttr): void {
    this.writable("setattr");
    const path = this.path(ino);
    const st = host("setattr", path, () => fs.lstatSync(path));
    const isLink = st.isSymbolicLink();
    if (attr.size !== undefined) host("truncate", path, () => fs.truncateSync(path, attr.size));
    if (attr.mode !== undefined && !isLink) {
      host("chmod", path, () => fs.chmodSync(path, (attr.mode as number) & 0o7777));
    }
    if (attr.uid !== undefined || attr.gid !== undefined) {
      const uid = attr.uid ?? st.uid;
      const gid = attr.gid ?? st.gid;
      host("chown", path, () => fs.lchownSync(path, uid, gid));
    }
    if (attr.atimeMs !== undefined || attr.mtimeMs !== undefined) {
      const atime = (attr.atimeMs ?? st.atimeMs) / 1000;
      const mtime = (attr.mtimeMs ?? st.mtimeMs) / 1000;
      host("utimes", path, () => fs.lutimesSync(path, atime, mtime));
    }
  }

  lookup(dir: number, name: string): number | undefined {
    const base = this.path(dir);
    if (name === ".") return dir;
    if (name === "..") {
      if (dir === this.rootIno) return dir;
      return this.idFor(base.slice(0, base.lastIndexOf("/")) || "/");
    }
    try {
      return this.idFor(this.child(base, name));
    } catch (e) {
      if (e instanceof ErrnoError && e.code === "ENOENT") return undefined;
      throw e;
    }
  }

  readdir(dir: number, cookie: number, max: number): DirEntry[] {
    const path = this.path(dir);
    const listing = host("readdir", path, () => fs.readdirSync(path, { withFileTypes: true }));
    let state = this.cookies.get(dir);
    if (!state) {
      state = { next: 1, byName: new Map() };
      this.cookies.set(dir, state);
    }
    const live = new Set<string>();
    const out: DirEntry[] = [];
    for (const entry of listing) {
      live.add(entry.name);
      let c = state.byName.get(entry.name);
      if (c === undefined) {
        c = state.next++;
        state.byName.set(entry.name, c);
      }
      if (c > cookie) out.push({ name: entry.name, ino: 0, type: direntMode(entry), cookie: c });
    }
    // Forget removed names so a re-created name sorts after the resume point, as a new entry.
    for (const name of state.byName.keys()) if (!live.has(name)) state.byName.delete(name);
    out.sort((a, b) => a.cookie - b.cookie);
    const page = out.slice(0, max);
    for (const e of page) e.ino = this.idFor(this.child(path, e.name));
    return page;
  }

  create(dir: number, name: string, attr: CreateAttr): number {
    this.writable("create");
    const path = this.child(this.path(dir), name);
    const type = attr.mode & S_IFMT;
    if (type === S_IFDIR) {
      host("mkdir", path, () => fs.mkdirSync(path, attr.mode & 0o7777));
    } else if (type === S_IFREG) {
      host("open", path, () => fs.closeSync(fs.openSync(path, "wx", attr.mode & 0o7777)));
    } else {
      // Node has no mknod: device nodes and FIFOs cannot be made on the host.
      throw new ErrnoError("EOPNOTSUPP", "mknod", path);
    }
    host("chmod", path, () => fs.chmodSync(path, attr.mode & 0o7777));
    if (this.asRoot) host("chown", path, () => fs.lchownSync(path, attr.uid, attr.gid));
    return this.idFor(path);
  }

  symlink(dir: number, name: string, target: string, uid: number, gid: number): number {
    this.writable("symlink");
    const path = this.child(this.path(dir), name);
    host("symlink", path, () => fs.symlinkSync(target, path));
    if (this.asRoot) host("chown", path, () => fs.lchownSync(path, uid, gid));
    return this.idFor(path);
  }

  link(dir: number, name: string, ino: number): void {
    this.writable("link");
    const path = this.child(this.path(dir), name);
    const existing = this.path(ino);
    host("link", path, () => fs.linkSync(existing, path));
  }

  unlink(dir: number, name: string): void {
    this.writable("unlink");
    const path = this.child(this.path(dir), name);
    host("unlink", path, () => fs.unlinkSync(path));
  }

  rmdir(dir: number, name: string): void {
    this.writable("rmdir");
    const path = this.child(this.path(dir), name);
    host("rmdir", path, () => fs.rmdirSync(path));
  }

  rename(oldDir: number, oldName: string, newDir: number, newName: string): void {
    this.writable("rename");
    const from = this.child(this.path(oldDir), oldName);
    const to = this.child(this.path(newDir), newName);
    host("rename", from, () => fs.renameSync(from, to));
    // Inodes below a moved directory now live under the new path.
    for (const [ino, path] of this.paths) {
      if (path === from || path.startsWith(`${from}/`))
        this.paths.set(ino, to + path.slice(from.length));
    }
  }

  readlink(ino: number): string {
    const path = this.path(ino);
    return host("readlink", path, () => fs.readlinkSync(path, "utf8"));
  }

  open(ino: number, flags: number): FileHandle {
    const path = this.path(ino);
    const access = flags & 3;
    if (access !== 0) this.writable("open");
    const fd = host("open", path, () => fs.openSync(path, access));
    let open = true;
    return {
      seekable: true,
      stat: () =>
        toStats(
          ino,
          host("fstat", path, () => fs.fstatSync(fd)),
        ),
      truncate: (size) => host("ftruncate", path, () => fs.ftruncateSync(fd, size)),
      read: (buffer, position) =>
        host("read", path, () => fs.readSync(fd, buffer, 0, buffer.length, position)),
      write: (data, position) =>
        host("write", path, () => fs.writeSync(fd, data, 0, data.length, position)),
      close: () => {
        if (open) host("close", path, () => fs.closeSync(fd));
        open = false;
      },
    };
  }

  private writable(syscall: string): void {
    if (this.readOnly) throw new ErrnoError("EROFS", syscall);
  }

  private child(dir: string, name: string): string {
    if (name.includes("/") || name === "" || name === "." || name === "..") {
      throw new ErrnoError("EINVAL", "lookup", name);
    }
    return dir === "/" ? `/${name}` : `${dir}/${name}`;
  }

  /**
   * The host path of a local inode, checked to still hold the same host inode: after a
   * rename over it or an unlink, the name belongs to another file (or none), and acting on it
   * would touch the wrong file. `ENOENT` then; open files go through their descriptor.
   */
  private path(ino: number): string {
    return this.live(ino).path;
  }

  private live(ino: number): { path: string; st: fs.Stats } {
    const path = this.paths.get(ino);
    if (path === undefined) throw new ErrnoError("ENOENT", "inode", String(ino));
    const st = host("stat", path, () => fs.lstatSync(path));
    if (this.keys.get(ino) !== `${st.dev}:${st.ino}`) throw new ErrnoError("ENOENT", "inode", path);
    return { path, st };
  }

  private idFor(path: string): number {
    const st = host("lookup", path, () => fs.lstatSync(path));
    const key = `${st.dev}:${st.ino}`;
    let ino = this.ids.get(key);
    if (ino === undefined) {
      ino = this.nextIno++;
      this.ids.set(key, ino);
      this.keys.set(ino, key);
    }
    // Keep the latest path: with hard links any name reaches the same host inode.
    if (ino !== this.rootIno) this.paths.set(ino, path);
    return ino;
  }
}

function direntMode(entry: fs.Dirent): number {
  if (entry.isDirectory()) return S_IFDIR;
  if (entry.isFile()) return S_IFREG;
  if (entry.isSymbolicLink()) return 0o120000;
  if (entry.isCharacterDevice()) return 0o020000;
  if (entry.isBlockDevice()) return 0o060000;
  if (entry.isFIFO()) return 0o010000;
  if (entry.isSocket()) return 0o140000;
  return 0;
}

/** A host `stat` result as this file system's `Stats` under local inode number `ino`. */
function toStats(ino: number, st: fs.Stats): Stats {
  return {
    dev: 0,
    ino,
    mode: st.mode,
    nlink: st.nlink,
    uid: st.uid,
    gid: st.gid,
    rdev: st.rdev,
    size: st.size,
    blksize: st.blksize,
    blocks: st.blocks,
    atimeMs: st.atimeMs,
    mtimeMs: st.mtimeMs,
    ctimeMs: st.ctimeMs,
  };
}
