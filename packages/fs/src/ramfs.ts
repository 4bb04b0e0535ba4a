/**
 * ramfs: the in-memory file system, the default root of a `Vfs`.
 */

import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from "./constants.js";
import { ErrnoError } from "./errno.js";
import { FileData, PAGE_SIZE } from "./file-data.js";
import type { CreateAttr, DirEntry, FileHandle, FileSystem, FsStatistics } from "./filesystem.js";
import { systemClock, type Clock, type SetAttr, type Stats } from "./stats.js";

/** Options of a `RamFs`. */
export interface RamFsOptions {
  /** Most bytes of file contents (logical sizes) it holds before `ENOSPC`; default unlimited. */
  sizeLimit?: number;
  /** The clock for timestamps; default `Date.now`. */
  clock?: Clock;
  /** Permission bits of the root directory; default 0o755. */
  rootMode?: number;
  /** Owner of the root directory; default 0. */
  rootUid?: number;
  /** Group of the root directory; default 0. */
  rootGid?: number;
  /** Type name reported for mounts; default `"ramfs"`. */
  type?: string;
}

/** A directory entry with the cookie that keeps `readdir` resumable. */
interface Slot {
  ino: number;
  cookie: number;
}

/** One ramfs inode: attributes plus the data of its type. */
interface RamInode {
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  rdev: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  /** Open handles; the inode lives on after its last unlink until they close. */
  opens: number;
  data?: FileData;
  target?: string;
  /** Directory entries in insertion order (which is also cookie order). */
  entries?: Map<string, Slot>;
  parent?: number;
  nextCookie?: number;
}

/** Largest file size (as Linux's `MAX_LFS_FILESIZE` on 32-bit, but in safe integers). */
const MAX_FILE_SIZE = 2 ** 43;

/**
 * An in-memory file system with Linux inode semantics: inode numbers, hard links, link
 * counts, sparse files, timestamps from an injectable clock and a size limit giving `ENOSPC`.
 *
 * @example
 * ```ts
 * const vfs = new Vfs({ root: new RamFs({ sizeLimit: 16 << 20 }) });
 * ```
 */
export class RamFs implements FileSystem {
  readonly type: string;
  readonly rootIno = 1;
  readonly readOnly = false;
  private readonly inodes = new Map<number, RamInode>();
  private nextIno = 2;
  private readonly clock: Clock;
  private readonly sizeLimit: number;
  private used = 0;

  constructor(options: RamFsOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.sizeLimit = options.sizeLimit ?? Infinity;
    this.type = options.type ?? "ramfs";
    const now = this.clock();
    this.inodes.set(1, {
      ino: 1,
      mode: S_IFDIR | ((options.rootMode ?? 0o755) & 0o7777),
      uid: options.rootUid ?? 0,
      gid: options.rootGid ?? 0,
      nlink: 2,
      rdev: 0,
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      opens: 0,
      entries: new Map(),
      parent: 1,
      nextCookie: 1,
    });
  }

  /** Bytes of file contents currently held (logical sizes of live files). */
  get bytesUsed(): number {
    return this.used;
  }

  /** Usage: blocks of 4 KiB against the size limit (a 1 TiB ceiling when unlimited). */
  statfs(): FsStatistics {
    const limit = Number.isFinite(this.sizeLimit) ? this.sizeLimit : 2 ** 40;
    const blocks = Math.ceil(limit / PAGE_SIZE);
    return {
      type: this.type === "devfs" ? 0x1373 : 0x858458f6,
      blockSize: PAGE_SIZE,
      blocks,
      blocksFree: Math.max(0, blocks - Math.ceil(this.used / PAGE_SIZE)),
      files: 0,
      filesFree: 0,
      nameMax: 255,
    };
  }

  /** Number of live inodes (including the root). */
  get inodeCount(): number {
    return this.inodes.size;
  }

  stat(ino: number): Stats {
    const node = this.node(ino);
    let size = 0;
    if (node.data) size = node.data.size;
    else if (node.target !== undefined) size = new TextEncoder().encode(node.target).length;
    else if (node.entries) size = PAGE_SIZE;
    return {
      dev: 0,
      ino: node.ino,
      mode: node.mode,
      nlink: node.nlink,
      uid: node.uid,
      gid: node.gid,
      rdev: node.rdev,
      size,
      blksize: PAGE_SIZE,
      blocks: Math.ceil((node.data?.allocated ?? 0) / 512),
      atimeMs: node.atimeMs,
      mtimeMs: node.mtimeMs,
      ctimeMs: node.ctimeMs,
    };
  }

  setattr(ino: number, attr: SetAttr): void {
    const node = this.node(ino);
    if (attr.size !== undefined) {
      if (!node.data) throw new ErrnoError(node.entries ? "EISDIR" : "EINVAL", "truncate");
      this.resize(node, attr.size);
      node.mtimeMs = this.clock();
    }
    if (attr.mode !== undefined) node.mode = (node.mode & S_IFMT) | (attr.mode & 0o7777);
    if (attr.uid !== undefined) node.uid = attr.uid;
    if (attr.gid !== undefined) node.gid = attr.gid;
    if (attr.atimeMs !== undefined) node.atimeMs = attr.atimeMs;
    if (attr.mtimeMs !== undefined) node.mtimeMs = attr.mtimeMs;
    node.ctimeMs = this.clock();
  }

  lookup(dir: number, name: string): number | undefined {
    const node = this.dir(dir);
    if (name === ".") return dir;
    if (name === "..") return node.parent ?? dir;
    return node.entries?.get(name)?.ino;
  }

  readdir(dir: number, cookie: number, max: number): DirEntry[] {
    const node = this.dir(dir);
    const out: DirEntry[] = [];
    for (const [name, slot] of node.entries ?? []) {
      if (slot.cookie <= cookie) continue;
      const child = this.inodes.get(slot.ino);
      out.push({ name, ino: slot.ino, type: (child?.mode ?? 0) & S_IFMT, cookie: slot.cookie });
      if (out.length >= max) break;
    }
    node.atimeMs = this.clock();
    return out;
  }

  create(dir: number, name: string, attr: CreateAttr): number {
    const parent = this.dir(dir);
    this.checkFree(parent, name);
    const now = this.clock();
    const node: RamInode = {
      ino: this.nextIno++,
      mode: attr.mode,
      uid: attr.uid,
      gid: attr.gid,
      nlink: 1,
      rdev: attr.rdev ?? 0,
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      opens: 0,
    };
    const type = attr.mode & S_IFMT;
    if (type === S_IFDIR) {
      node.entries = new Map();
      node.parent = dir;
      node.nextCookie = 1;
      node.nlink = 2;
      parent.nlink++;
    } else if (type === S_IFREG) {
      node.data = new FileData();
    } else if (type === S_IFLNK) {
      throw new ErrnoError("EINVAL", "create", name);
    }
    this.inodes.set(node.ino, node);
    this.addEntry(parent, name, node.ino);
    return node.ino;
  }

  symlink(dir: number, name: string, target: string, uid: number, gid: number): number {
    const parent = this.dir(dir);
    this.checkFree(parent, name);
    const now = this.clock();
    const node: RamInode = {
      ino: this.nextIno++,
      mode: S_IFLNK | 0o777,
      uid,
      gid,
      nlink: 1,
      rdev: 0,
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      opens: 0,
      target,
    };
    this.inodes.set(node.ino, node);
    this.addEntry(parent, name, node.ino);
    return node.ino;
  }

  link(dir: number, name: string, ino: number): void {
    const parent = this.dir(dir);
    const node = this.node(ino);
    if (node.entries) throw new ErrnoError("EPERM", "link", name);
    this.checkFree(parent, name);
    node.nlink++;
    node.ctimeMs = this.clock();
    this.addEntry(parent, name, ino);
  }

  unlink(dir: number, name: string): void {
    const parent = this.dir(dir);
    const slot = parent.entries?.get(name);
    if (!slot) throw new ErrnoError("ENOENT", "unlink", name);
    const node = this.node(slot.ino);
    if (node.entries) throw new ErrnoError("EISDIR", "unlink", name);
    this.removeEntry(parent, name);
    this.dropLink(node);
  }

  rmdir(dir: number, name: string): void {
    const parent = this.dir(dir);
    const slot = parent.entries?.get(name);
    if (!slot) throw new ErrnoError("ENOENT", "rmdir", name);
    const node = this.node(slot.ino);
    if (!node.entries) throw new ErrnoError("ENOTDIR", "rmdir", name);
    if (node.entries.size > 0) throw new ErrnoError("ENOTEMPTY", "rmdir", name);
    this.removeEntry(parent, name);
    parent.nlink--;
    node.nlink = 0;
    node.ctimeMs = this.clock();
    this.release(node);
  }

  rename(oldDir: number, oldName: string, newDir: number, newName: string): void {
    const from = this.dir(oldDir);
    const to = this.dir(newDir);
    const slot = from.entries?.get(oldName);
    if (!slot) throw new ErrnoError("ENOENT", "rename", oldName);
    const node = this.node(slot.ino);
    const existing = to.entries?.get(newName);
    if (existing?.ino === slot.ino) return;
    if (existing) {
      const victim = this.node(existing.ino);
      if (victim.entries) {
        if (!node.entries) throw new ErrnoError("EISDIR", "rename", newName);
        if (victim.entries.size > 0) throw new ErrnoError("ENOTEMPTY", "rename", newName);
        this.removeEntry(to, newName);
        to.nlink--;
        victim.nlink = 0;
        this.release(victim);
      } else {
        if (node.entries) throw new ErrnoError("ENOTDIR", "rename", newName);
        this.removeEntry(to, newName);
        this.dropLink(victim);
      }
    }
    this.removeEntry(from, oldName);
    this.addEntry(to, newName, slot.ino);
    if (node.entries && oldDir !== newDir) {
      node.parent = newDir;
      from.nlink--;
      to.nlink++;
    }
    node.ctimeMs = this.clock();
  }

  exchange(dirA: number, nameA: string, dirB: number, nameB: string): void {
    const a = this.dir(dirA);
    const b = this.dir(dirB);
    const slotA = a.entries?.get(nameA);
    const slotB = b.entries?.get(nameB);
    if (!slotA || !slotB) throw new ErrnoError("ENOENT", "rename", slotA ? nameB : nameA);
    const nodeA = this.node(slotA.ino);
    const nodeB = this.node(slotB.ino);
    [slotA.ino, slotB.ino] = [slotB.ino, slotA.ino];
    if (dirA !== dirB) {
      // A directory moving to the other parent takes its `..` link along.
      if (nodeA.entries) {
        nodeA.parent = dirB;
        a.nlink--;
        b.nlink++;
      }
      if (nodeB.entries) {
        nodeB.parent = dirA;
        b.nlink--;
        a.nlink++;
      }
    }
    const now = this.clock();
    nodeA.ctimeMs = nodeB.ctimeMs = a.mtimeMs = a.ctimeMs = b.mtimeMs = b.ctimeMs = now;
  }

  readlink(ino: number): string {
    const node = this.node(ino);
    if (node.target === undefined) throw new ErrnoError("EINVAL", "readlink");
    node.atimeMs = this.clock();
    return node.target;
  }

  open(ino: number, _flags: number): FileHandle {
    const node = this.node(ino);
    const data = node.data;
    if (!data) throw new ErrnoError(node.entries ? "EISDIR" : "ENXIO", "open");
    node.opens++;
    let closed = false;
    return {
      seekable: true,
      read: (buffer, position) => {
        const n = data.read(buffer, position);
        node.atimeMs = this.clock();
        return n;
      },
      write: (bytes, position) => {
        // An empty write changes nothing, not even the size or times (as Linux).
        if (bytes.length === 0) return 0;
        const end = position + bytes.length;
        if (end > MAX_FILE_SIZE) throw new ErrnoError("EFBIG", "write");
        if (end > data.size) this.reserve(end - data.size);
        data.write(bytes, position);
        node.mtimeMs = node.ctimeMs = this.clock();
        return bytes.length;
      },
      close: () => {
        if (closed) return;
        closed = true;
        node.opens--;
        this.release(node);
      },
    };
  }

  private node(ino: number): RamInode {
    const node = this.inodes.get(ino);
    if (!node) throw new ErrnoError("ENOENT", "inode", String(ino));
    return node;
  }

  private dir(ino: number): RamInode {
    const node = this.node(ino);
    if (!node.entries) throw new ErrnoError("ENOTDIR", "lookup");
    return node;
  }

  private checkFree(parent: RamInode, name: string): void {
    if (name === "." || name === ".." || parent.entries?.has(name)) {
      throw new ErrnoError("EEXIST", "create", name);
    }
    // A directory being removed (nlink 0) cannot gain entries, as on Linux.
    if (parent.nlink === 0) throw new ErrnoError("ENOENT", "create", name);
  }

  private addEntry(parent: RamInode, name: string, ino: number): void {
    const cookie = parent.nextCookie ?? 1;
    parent.nextCookie = cookie + 1;
    parent.entries?.set(name, { ino, cookie });
    parent.mtimeMs = parent.ctimeMs = this.clock();
  }

  private removeEntry(parent: RamInode, name: string): void {
    parent.entries?.delete(name);
    parent.mtimeMs = parent.ctimeMs = this.clock();
  }

  private dropLink(node: RamInode): void {
    node.nlink--;
    node.ctimeMs = this.clock();
    this.release(node);
  }

  /** Frees an inode once no name and no open handle refers to it. */
  private release(node: RamInode): void {
    if (node.nlink > 0 || node.opens > 0 || node.ino === this.rootIno) return;
    if (node.data) this.used -= node.data.size;
    this.inodes.delete(node.ino);
  }

  private reserve(bytes: number): void {
    if (this.used + bytes > this.sizeLimit) throw new ErrnoError("ENOSPC", "write");
    this.used += bytes;
  }

  private resize(node: RamInode, size: number): void {
    const data = node.data;
    if (!data) return;
    if (size < 0) throw new ErrnoError("EINVAL", "truncate");
    if (size > MAX_FILE_SIZE) throw new ErrnoError("EFBIG", "truncate");
    if (size > data.size) this.reserve(size - data.size);
    else this.used -= data.size - size;
    data.truncate(size);
  }
}
