/**
 * Open-file objects: what a file descriptor points at (offset, flags, the backend handle).
 */

import {
  O_ACCMODE,
  O_APPEND,
  O_RDONLY,
  O_WRONLY,
  SEEK_CUR,
  SEEK_END,
  SEEK_SET,
  direntType,
} from "./constants.js";
import type { Credentials } from "./credentials.js";
import { ErrnoError } from "./errno.js";
import type { FileHandle } from "./filesystem.js";
import type { Location } from "./mount-table.js";
import type { Stats } from "./stats.js";
import { statAt } from "./walk.js";

/** Whether a file offset or length is usable: a non-negative safe integer. */
export function validOffset(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** One entry of `OpenFile.getdents`, in the shape of `struct linux_dirent64`. */
export interface Dirent64 {
  /** Inode number. */
  ino: number;
  /** Position to resume after this entry (`d_off`): pass to `seek(off, SEEK_SET)`. */
  off: number;
  /** `DT_*` type. */
  type: number;
  /** Entry name. */
  name: string;
}

/**
 * An open file, directory or device. Several descriptors (after `dup`, `fork`) may share one.
 * Operations after `close` fail with `EBADF`.
 *
 * @example
 * ```ts
 * const f = vfs.open("/log", O_WRONLY | O_CREAT | O_APPEND, 0o644);
 * f.write(new TextEncoder().encode("line\n"));
 * f.close();
 * ```
 */
export class OpenFile {
  /** Current offset (for directories: the `getdents` position cookie). */
  position = 0;
  private closed = false;

  constructor(
    /** The inode it refers to. */
    readonly location: Location,
    /** The `open` flags; `fcntl(F_SETFL)` may change `O_APPEND` and `O_NONBLOCK` here. */
    public flags: number,
    /** The backend handle; null for directories. */
    private readonly handle: FileHandle | null,
    /** The opener's credential (for `fchmod`, `fchown`). */
    readonly cred: Credentials,
    /** The path it was opened by, for diagnostics and `/proc/<pid>/fd`. */
    readonly path: string,
    /** Resolves a directory's parent (for the `..` entry). */
    private readonly parentIno: () => number,
  ) {
    location.mount.opens++;
  }

  /** Whether it was opened for reading. */
  get readable(): boolean {
    return (this.flags & O_ACCMODE) !== O_WRONLY;
  }

  /** Whether it was opened for writing. */
  get writable(): boolean {
    return (this.flags & O_ACCMODE) !== O_RDONLY;
  }

  /** Whether it refers to a directory. */
  get isDirectory(): boolean {
    return this.handle === null;
  }

  /** Reads at the current offset and advances it; 0 at end of file. */
  read(buffer: Uint8Array): number {
    const n = this.pread(buffer, this.position);
    this.position += n;
    return n;
  }

  /** Writes at the current offset (the end with `O_APPEND`) and advances it. */
  write(data: Uint8Array): number {
    const handle = this.writeHandle();
    const at = (this.flags & O_APPEND) !== 0 ? this.size() : this.position;
    const n = handle.write(data, at);
    this.position = at + n;
    return n;
  }

  /** Reads at `position` without moving the offset. */
  pread(buffer: Uint8Array, position: number): number {
    this.live();
    if (!this.readable) throw new ErrnoError("EBADF", "read");
    if (this.handle === null) throw new ErrnoError("EISDIR", "read");
    if (!validOffset(position)) throw new ErrnoError("EINVAL", "pread");
    return this.handle.read(buffer, position);
  }

  /** Writes at `position` without moving the offset (appends with `O_APPEND`, as Linux). */
  pwrite(data: Uint8Array, position: number): number {
    const handle = this.writeHandle();
    if (!validOffset(position)) throw new ErrnoError("EINVAL", "pwrite");
    const at = (this.flags & O_APPEND) !== 0 ? this.size() : position;
    return handle.write(data, at);
  }

  /** Moves the offset (`SEEK_SET`, `SEEK_CUR`, `SEEK_END`); returns the new offset. */
  seek(offset: number, whence: number): number {
    this.live();
    if (this.handle !== null && !this.handle.seekable) return 0;
    let base: number;
    if (whence === SEEK_SET) base = 0;
    else if (whence === SEEK_CUR) base = this.position;
    else if (whence === SEEK_END && this.handle !== null) base = this.size();
    else throw new ErrnoError("EINVAL", "lseek");
    const next = base + offset;
    if (next < 0 || !Number.isSafeInteger(next)) throw new ErrnoError("EINVAL", "lseek");
    this.position = next;
    return next;
  }

  /** The attributes of the open inode (works after the name was unlinked). */
  stat(): Stats {
    this.live();
    const own = this.handle?.stat?.();
    if (own === undefined) return statAt(this.location);
    own.dev = this.location.mount.id;
    return own;
  }

  /**
   * Sets the size of the file (`ftruncate`); `EINVAL` unless a regular file opened for
   * writing (directories included, as Linux).
   */
  truncate(length: number): void {
    this.live();
    if (!validOffset(length) || !this.writable || this.handle === null || !this.handle.seekable) {
      throw new ErrnoError("EINVAL", "ftruncate");
    }
    if (this.location.mount.fs.readOnly) throw new ErrnoError("EROFS", "ftruncate");
    if (this.handle.truncate) this.handle.truncate(length);
    else this.location.mount.fs.setattr(this.location.ino, { size: length });
  }

  /**
   * Reads up to `max` directory entries from the current position, `.` and `..` first, and
   * advances; an empty result is the end. Positions are stable cookies: entries added or
   * removed meanwhile never make a resumed listing repeat or skip the others.
   */
  getdents(max = 64): Dirent64[] {
    this.live();
    if (this.handle !== null) throw new ErrnoError("ENOTDIR", "getdents64");
    const out: Dirent64[] = [];
    const dirType = direntType(0o040000);
    if (this.position === 0 && out.length < max) {
      out.push({ ino: this.location.ino, off: 1, type: dirType, name: "." });
      this.position = 1;
    }
    if (this.position === 1 && out.length < max) {
      out.push({ ino: this.parentIno(), off: 2, type: dirType, name: ".." });
      this.position = 2;
    }
    if (out.length < max) {
      const fs = this.location.mount.fs;
      let entries;
      try {
        entries = fs.readdir(this.location.ino, this.position - 2, max - out.length);
      } catch (e) {
        // A directory removed while open lists as empty, as on Linux.
        if (e instanceof ErrnoError && e.code === "ENOENT") return out;
        throw e;
      }
      for (const e of entries) {
        out.push({ ino: e.ino, off: e.cookie + 2, type: direntType(e.type), name: e.name });
        this.position = e.cookie + 2;
      }
    }
    return out;
  }

  /** A device control request; `ENOTTY` for files and devices without `ioctl`. */
  ioctl(request: number, argument: number): number {
    this.live();
    if (this.handle?.ioctl === undefined) throw new ErrnoError("ENOTTY", "ioctl");
    return this.handle.ioctl(request, argument);
  }

  /** Releases the file; later operations fail with `EBADF`. Closing twice is `EBADF`. */
  close(): void {
    this.live();
    this.closed = true;
    this.location.mount.opens--;
    this.handle?.close();
  }

  /** Whether `close` was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  private size(): number {
    return this.stat().size;
  }

  private writeHandle(): FileHandle {
    this.live();
    if (!this.writable) throw new ErrnoError("EBADF", "write");
    if (this.handle === null) throw new ErrnoError("EISDIR", "write");
    return this.handle;
  }

  private live(): void {
    if (this.closed) throw new ErrnoError("EBADF");
  }
}
