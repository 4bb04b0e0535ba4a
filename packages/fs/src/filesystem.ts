/**
 * The contract every file-system backend (ramfs, devfs, procfs, hostfs) implements.
 *
 * A backend works on inode numbers within itself and knows nothing of mounts, paths,
 * credentials or symlink following: the VFS walks paths, checks permissions and applies the
 * Linux rules (rename of directories, trailing slashes, …) before calling it. Backends still
 * refuse what would corrupt them (`ENOTEMPTY`, `EEXIST`, `ENOENT`) and report failures as
 * `ErrnoError`s. An operation a backend cannot do throws `EOPNOTSUPP`; a read-only one
 * throws `EROFS`.
 */

import type { SetAttr, Stats } from "./stats.js";

/** One directory entry as `readdir` reports it. */
export interface DirEntry {
  /** The entry's name (never `.` or `..`; the VFS adds those). */
  name: string;
  /** The inode it names. */
  ino: number;
  /** The file type bits (`S_IFMT` part of the mode). */
  type: number;
  /**
   * Resumption cookie: passing it back to `readdir` continues after this entry, even if
   * other entries were added or removed meanwhile. Always > 0 and increasing along a listing.
   */
  cookie: number;
}

/** Attributes of a new inode for `FileSystem.create`. */
export interface CreateAttr {
  /** File type and permission bits (`S_IFREG | 0o644`, `S_IFDIR | 0o755`, `S_IFCHR | …`). */
  mode: number;
  /** Owner. */
  uid: number;
  /** Group. */
  gid: number;
  /** Device number for character and block devices. */
  rdev?: number;
}

/**
 * An open regular file (or device) of a backend: position-based I/O. Devices and generated
 * files may ignore the position.
 */
export interface FileHandle {
  /** Reads up to `buffer.length` bytes at `position`; returns the count, 0 at end of file. */
  read(buffer: Uint8Array, position: number): number;
  /** Writes `data` at `position`, extending the file; returns the count written. */
  write(data: Uint8Array, position: number): number;
  /** Whether offsets mean anything (false for character devices: `lseek` is a no-op). */
  readonly seekable: boolean;
  /**
   * The attributes of the open inode, for backends where the inode number alone may no longer
   * reach it (hostfs after an unlink or a rename over it); the VFS uses `FileSystem.stat`
   * when absent.
   */
  stat?(): Stats;
  /** Sets the size through the handle (`ftruncate`), for the same reason; else `setattr`. */
  truncate?(size: number): void;
  /** Device-specific control (`ioctl`); `ENOTTY` when absent. */
  ioctl?(request: number, argument: number): number;
  /** Releases the handle (flushes, closes a host descriptor). */
  close(): void;
}

/** Usage figures of a file system, in the shape of `struct statfs`. */
export interface FsStatistics {
  /** Magic number of the type (`f_type`), as Linux reports it (ramfs 0x858458f6, …). */
  type: number;
  /** Block size in bytes. */
  blockSize: number;
  /** Total blocks. */
  blocks: number;
  /** Free blocks. */
  blocksFree: number;
  /** Total inodes (0 when unlimited). */
  files: number;
  /** Free inodes. */
  filesFree: number;
  /** Longest name. */
  nameMax: number;
}

/**
 * A file-system backend: an inode store with directories, mountable anywhere in a `Vfs`.
 *
 * @example
 * ```ts
 * const fs: FileSystem = new RamFs();
 * const ino = fs.create(fs.rootIno, "hello", { mode: S_IFREG | 0o644, uid: 0, gid: 0 });
 * ```
 */
export interface FileSystem {
  /** The type name as `/proc/mounts` shows it (`"ramfs"`, `"devfs"`, …). */
  readonly type: string;
  /** The inode number of the root directory. */
  readonly rootIno: number;
  /** Whether every modifying operation fails with `EROFS`. */
  readonly readOnly: boolean;

  /** The attributes of an inode (`ENOENT` if it no longer exists). */
  stat(ino: number): Stats;
  /** Changes attributes (and `ctime`); `size` truncates or extends a regular file. */
  setattr(ino: number, attr: SetAttr): void;
  /**
   * The inode named `name` in directory `dir`; `.` and `..` included (`..` of the root is the
   * root). `undefined` when absent (not an exception: creating a file looks up a missing
   * name, and that path must stay fast); `ENOTDIR` when `dir` is not a directory.
   */
  lookup(dir: number, name: string): number | undefined;
  /** Entries after `cookie` (0 = from the start), at most `max` of them. */
  readdir(dir: number, cookie: number, max: number): DirEntry[];
  /** Creates a regular file, directory, device node or FIFO; `EEXIST` if the name is taken. */
  create(dir: number, name: string, attr: CreateAttr): number;
  /** Creates a symbolic link holding `target`. */
  symlink(dir: number, name: string, target: string, uid: number, gid: number): number;
  /** Adds a hard link `name` in `dir` to the non-directory inode `ino`. */
  link(dir: number, name: string, ino: number): void;
  /** Removes a non-directory entry. */
  unlink(dir: number, name: string): void;
  /** Removes an empty directory entry (`ENOTEMPTY` otherwise). */
  rmdir(dir: number, name: string): void;
  /**
   * Moves an entry, replacing an existing target (which the VFS has checked is compatible:
   * an empty directory for a directory, a non-directory for a non-directory).
   */
  rename(oldDir: number, oldName: string, newDir: number, newName: string): void;
  /**
   * Swaps two existing entries atomically (`renameat2` with `RENAME_EXCHANGE`); optional —
   * without it the VFS answers `EINVAL`, as Linux does for file systems that lack it.
   */
  exchange?(dirA: number, nameA: string, dirB: number, nameB: string): void;
  /** The target of a symbolic link (`EINVAL` if not a link). */
  readlink(ino: number): string;
  /** Opens a regular file (or a node the backend serves itself) for I/O. */
  open(ino: number, flags: number): FileHandle;
  /** Usage figures for `statfs`; optional (the VFS reports zeros without it). */
  statfs?(): FsStatistics;
}
