/**
 * Inode attributes as `stat` reports them, and the attribute changes `setattr` accepts.
 */

/**
 * The attributes of an inode, in the shape of Linux's `struct stat` (times in milliseconds,
 * possibly fractional, since the epoch).
 */
export interface Stats {
  /** Device number of the file system holding the inode (the mount's id). */
  dev: number;
  /** Inode number, unique within its file system. */
  ino: number;
  /** File type (`S_IFMT` bits) and permission bits. */
  mode: number;
  /** Number of hard links (directories: 2 + subdirectories). */
  nlink: number;
  /** Owner user id. */
  uid: number;
  /** Owner group id. */
  gid: number;
  /** Device number for character and block devices, else 0. */
  rdev: number;
  /** Size in bytes (symbolic links: length of the target). */
  size: number;
  /** Preferred I/O block size. */
  blksize: number;
  /** Number of 512-byte blocks allocated. */
  blocks: number;
  /** Last access time. */
  atimeMs: number;
  /** Last data modification time. */
  mtimeMs: number;
  /** Last status change time. */
  ctimeMs: number;
}

/**
 * Attribute changes for `FileSystem.setattr`; only the present fields change. The backend
 * updates `ctimeMs` itself whenever anything changes.
 */
export interface SetAttr {
  /** New permission bits (the file type bits are ignored). */
  mode?: number;
  /** New owner. */
  uid?: number;
  /** New group. */
  gid?: number;
  /** New size: truncates or extends with zeros. */
  size?: number;
  /** New access time. */
  atimeMs?: number;
  /** New modification time. */
  mtimeMs?: number;
}

/** A source of the current time in milliseconds since the epoch, injectable for tests. */
export type Clock = () => number;

/** The default clock: the host's wall clock. */
export const systemClock: Clock = () => Date.now();
