/**
 * procfs: a read-only file system whose files are generated, when opened, by providers that
 * other packages register (memory, uptime, processes).
 */

import { S_IFDIR, S_IFLNK, S_IFREG } from "./constants.js";
import { ErrnoError } from "./errno.js";
import type { CreateAttr, DirEntry, FileHandle, FileSystem, FsStatistics } from "./filesystem.js";
import { systemClock, type Clock, type SetAttr, type Stats } from "./stats.js";

/** Produces a file's contents at open time. */
export type ProcProvider = () => string | Uint8Array;

/** What procfs shows of processes; `undefined` for a pid that does not exist. */
export interface ProcessInfo {
  /** Live pids. */
  pids(): number[];
  /** The pid `/proc/self` points at (the calling process), if any. */
  current(): number | undefined;
  /** The line of `/proc/<pid>/stat`. */
  stat(pid: number): string | undefined;
  /** Arguments, NUL-terminated each, as `/proc/<pid>/cmdline`. */
  cmdline(pid: number): string | undefined;
  /** The executable's path, the target of `/proc/<pid>/exe`. */
  exe(pid: number): string | undefined;
}

const ROOT = 1;
const SELF = 2;
const FILE_BASE = 16;
/** Per-process inodes: base + pid * 4 (+0 directory, +1 stat, +2 cmdline, +3 exe). */
const PID_BASE = 1 << 20;
const PID_FILES = ["stat", "cmdline", "exe"] as const;
/** Cookies of pid directories start here, after self and the registered files. */
const PID_COOKIE = 1 << 16;

const encoder = new TextEncoder();

/**
 * A minimal `/proc`: `self`, files registered by name (`meminfo`, `uptime`, …) and a
 * directory per process with `stat`, `cmdline` and `exe`.
 *
 * @example
 * ```ts
 * const proc = new ProcFs();
 * proc.register("uptime", () => `${seconds.toFixed(2)} 0.00\n`);
 * vfs.mkdir("/proc");
 * vfs.mount("/proc", proc);
 * ```
 */
export class ProcFs implements FileSystem {
  readonly type = "proc";
  readonly rootIno = ROOT;
  readonly readOnly = true;
  private readonly files: { name: string; provider: ProcProvider }[] = [];
  private processes: ProcessInfo | undefined;
  private readonly clock: Clock;
  private readonly bornMs: number;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
    this.bornMs = this.clock();
  }

  /** Adds (or replaces) a top-level file such as `"meminfo"`. */
  register(name: string, provider: ProcProvider): void {
    if (name.includes("/") || name === "self" || /^\d+$/.test(name) || name.startsWith(".")) {
      throw new ErrnoError("EINVAL", "register", name);
    }
    const existing = this.files.find((f) => f.name === name);
    if (existing) existing.provider = provider;
    else this.files.push({ name, provider });
  }

  /** Sets the source of process directories and `/proc/self`. */
  setProcesses(info: ProcessInfo): void {
    this.processes = info;
  }

  stat(ino: number): Stats {
    const kind = this.kind(ino);
    const mode =
      kind.type === "dir"
        ? S_IFDIR | 0o555
        : kind.type === "link"
          ? S_IFLNK | 0o777
          : S_IFREG | 0o444;
    const size = kind.type === "link" ? encoder.encode(this.readlink(ino)).length : 0;
    return {
      dev: 0,
      ino,
      mode,
      nlink: kind.type === "dir" ? 2 : 1,
      uid: 0,
      gid: 0,
      rdev: 0,
      size,
      blksize: 1024,
      blocks: 0,
      atimeMs: this.bornMs,
      mtimeMs: this.bornMs,
      ctimeMs: this.bornMs,
    };
  }

  /** Usage as Linux shows for /proc: the proc magic number and no blocks. */
  statfs(): FsStatistics {
    return {
      type: 0x9fa0,
      blockSize: 4096,
      blocks: 0,
      blocksFree: 0,
      files: 0,
      filesFree: 0,
      nameMax: 255,
    };
  }

  setattr(_ino: number, _attr: SetAttr): void {
    throw new ErrnoError("EROFS", "setattr");
  }

  lookup(dir: number, name: string): number | undefined {
    const kind = this.kind(dir);
    if (kind.type !== "dir") throw new ErrnoError("ENOTDIR", "lookup", name);
    if (name === ".") return dir;
    if (name === "..") return ROOT;
    if (dir === ROOT) {
      if (name === "self") return SELF;
      const index = this.files.findIndex((f) => f.name === name);
      if (index >= 0) return FILE_BASE + index;
      if (/^[1-9]\d*$/.test(name) && this.processes?.stat(Number(name)) !== undefined) {
        return PID_BASE + Number(name) * 4;
      }
      return undefined;
    }
    const index = PID_FILES.indexOf(name as (typeof PID_FILES)[number]);
    if (index < 0) return undefined;
    return dir + 1 + index;
  }

  readdir(dir: number, cookie: number, max: number): DirEntry[] {
    const kind = this.kind(dir);
    if (kind.type !== "dir") throw new ErrnoError("ENOTDIR", "readdir");
    const all: DirEntry[] = [];
    if (dir === ROOT) {
      all.push({ name: "self", ino: SELF, type: S_IFLNK, cookie: 1 });
      this.files.forEach((f, i) => {
        all.push({ name: f.name, ino: FILE_BASE + i, type: S_IFREG, cookie: 2 + i });
      });
      const pids = [...(this.processes?.pids() ?? [])].sort((a, b) => a - b);
      for (const pid of pids) {
        all.push({
          name: String(pid),
          ino: PID_BASE + pid * 4,
          type: S_IFDIR,
          cookie: PID_COOKIE + pid,
        });
      }
    } else {
      PID_FILES.forEach((name, i) => {
        const type = name === "exe" ? S_IFLNK : S_IFREG;
        all.push({ name, ino: dir + 1 + i, type, cookie: 1 + i });
      });
    }
    return all.filter((e) => e.cookie > cookie).slice(0, max);
  }

  create(_dir: number, name: string, _attr: CreateAttr): number {
    throw new ErrnoError("EROFS", "create", name);
  }

  symlink(_dir: number, name: string): number {
    throw new ErrnoError("EROFS", "symlink", name);
  }

  link(_dir: number, name: string): void {
    throw new ErrnoError("EROFS", "link", name);
  }

  unlink(_dir: number, name: string): void {
    throw new ErrnoError("EROFS", "unlink", name);
  }

  rmdir(_dir: number, name: string): void {
    throw new ErrnoError("EROFS", "rmdir", name);
  }

  rename(_oldDir: number, oldName: string): void {
    throw new ErrnoError("EROFS", "rename", oldName);
  }

  readlink(ino: number): string {
    const kind = this.kind(ino);
    if (kind.type !== "link") throw new ErrnoError("EINVAL", "readlink");
    const value = kind.pid === undefined ? this.selfTarget() : this.processes?.exe(kind.pid);
    if (value === undefined) throw new ErrnoError("ENOENT", "readlink");
    return value;
  }

  open(ino: number, _flags: number): FileHandle {
    const kind = this.kind(ino);
    if (kind.type !== "file")
      throw new ErrnoError(kind.type === "dir" ? "EISDIR" : "ELOOP", "open");
    const raw = kind.produce();
    // The contents are fixed when opened, so a reader sees one consistent snapshot.
    const bytes = typeof raw === "string" ? encoder.encode(raw) : raw;
    return {
      seekable: true,
      read(buffer, position) {
        const chunk = bytes.subarray(Math.min(position, bytes.length), position + buffer.length);
        buffer.set(chunk);
        return chunk.length;
      },
      write() {
        throw new ErrnoError("EROFS", "write");
      },
      close() {},
    };
  }

  private selfTarget(): string | undefined {
    const pid = this.processes?.current();
    return pid === undefined ? undefined : String(pid);
  }

  /** What an inode number stands for; `ENOENT` for numbers that are not (or no longer) live. */
  private kind(
    ino: number,
  ): { type: "dir" } | { type: "link"; pid?: number } | { type: "file"; produce: ProcProvider } {
    if (ino === ROOT) return { type: "dir" };
    if (ino === SELF) return { type: "link" };
    const file = ino >= FILE_BASE && ino < PID_BASE ? this.files[ino - FILE_BASE] : undefined;
    if (file) return { type: "file", produce: file.provider };
    if (ino >= PID_BASE) {
      const pid = Math.floor((ino - PID_BASE) / 4);
      const part = (ino - PID_BASE) % 4;
      const info = this.processes;
      if (info !== undefined && info.stat(pid) !== undefined) {
        if (part === 0) return { type: "dir" };
        if (part === 3) return { type: "link", pid };
        const produce = (): string => (part === 1 ? info.stat(pid) : info.cmdline(pid)) ?? "";
        return { type: "file", produce };
      }
    }
    throw new ErrnoError("ENOENT", "inode", String(ino));
  }
}
