/**
 * Linux i386 constants for modes, open flags, seeking and access checks.
 *
 * The values are the kernel's (include/uapi/asm-generic/fcntl.h, linux/stat.h), so the POSIX
 * layer passes guest arguments through unchanged.
 */

/** File type bits and permission bits of `st_mode`. */
export const S_IFMT = 0o170000;
/** Socket. */
export const S_IFSOCK = 0o140000;
/** Symbolic link. */
export const S_IFLNK = 0o120000;
/** Regular file. */
export const S_IFREG = 0o100000;
/** Block device. */
export const S_IFBLK = 0o060000;
/** Directory. */
export const S_IFDIR = 0o040000;
/** Character device. */
export const S_IFCHR = 0o020000;
/** FIFO. */
export const S_IFIFO = 0o010000;
/** Set-user-id bit. */
export const S_ISUID = 0o4000;
/** Set-group-id bit. */
export const S_ISGID = 0o2000;
/** Sticky bit: in a directory, only owners may delete or rename entries. */
export const S_ISVTX = 0o1000;

/** Open for reading only (the access mode is the low two bits). */
export const O_RDONLY = 0;
/** Open for writing only. */
export const O_WRONLY = 1;
/** Open for reading and writing. */
export const O_RDWR = 2;
/** Mask of the access mode bits. */
export const O_ACCMODE = 3;
/** Create the file if it does not exist. */
export const O_CREAT = 0o100;
/** With `O_CREAT`: fail with `EEXIST` if the name exists (even as a dangling symlink). */
export const O_EXCL = 0o200;
/** Do not make a terminal the controlling terminal (accepted, no effect here). */
export const O_NOCTTY = 0o400;
/** Truncate a regular file to length 0. */
export const O_TRUNC = 0o1000;
/** Every write goes to the end of the file. */
export const O_APPEND = 0o2000;
/** Non-blocking I/O (kept in the open file's flags for drivers). */
export const O_NONBLOCK = 0o4000;
/** Accepted for compatibility; files are always large-file capable here. */
export const O_LARGEFILE = 0o100000;
/** Fail with `ENOTDIR` unless the path names a directory. */
export const O_DIRECTORY = 0o200000;
/** Fail with `ELOOP` if the last component is a symbolic link. */
export const O_NOFOLLOW = 0o400000;
/** Close on exec (kept for the fd layer; no effect on the open file). */
export const O_CLOEXEC = 0o2000000;

/** `renameat2` flag: fail with `EEXIST` instead of replacing an existing target. */
export const RENAME_NOREPLACE = 1;
/** `renameat2` flag: swap two existing names atomically. */
export const RENAME_EXCHANGE = 2;

/** `lseek` from the start. */
export const SEEK_SET = 0;
/** `lseek` from the current offset. */
export const SEEK_CUR = 1;
/** `lseek` from the end of the file. */
export const SEEK_END = 2;

/** `access` mode: existence only. */
export const F_OK = 0;
/** `access` mode: execute / search. */
export const X_OK = 1;
/** `access` mode: write. */
export const W_OK = 2;
/** `access` mode: read. */
export const R_OK = 4;

/** Longest file name component in bytes (Linux `NAME_MAX`). */
export const NAME_MAX = 255;
/** Longest path in bytes, without the terminating NUL (Linux `PATH_MAX` − 1). */
export const PATH_MAX = 4095;
/** Symbolic links followed in one path walk before `ELOOP` (Linux `MAXSYMLINKS`). */
export const MAXSYMLINKS = 40;

/** `d_type` values of `getdents64` entries. */
export const DT_UNKNOWN = 0;
/** FIFO entry. */
export const DT_FIFO = 1;
/** Character device entry. */
export const DT_CHR = 2;
/** Directory entry. */
export const DT_DIR = 4;
/** Block device entry. */
export const DT_BLK = 6;
/** Regular file entry. */
export const DT_REG = 8;
/** Symbolic link entry. */
export const DT_LNK = 10;
/** Socket entry. */
export const DT_SOCK = 12;

/**
 * The `d_type` for a mode's file type, as `getdents64` reports it.
 *
 * @example
 * ```ts
 * direntType(S_IFDIR | 0o755); // DT_DIR (4)
 * ```
 */
export function direntType(mode: number): number {
  return (mode & S_IFMT) >>> 12;
}

/** Whether a mode is a directory. */
export function isDirectory(mode: number): boolean {
  return (mode & S_IFMT) === S_IFDIR;
}

/** Whether a mode is a regular file. */
export function isRegular(mode: number): boolean {
  return (mode & S_IFMT) === S_IFREG;
}

/** Whether a mode is a symbolic link. */
export function isSymlink(mode: number): boolean {
  return (mode & S_IFMT) === S_IFLNK;
}

/** Whether a mode is a character device. */
export function isCharDevice(mode: number): boolean {
  return (mode & S_IFMT) === S_IFCHR;
}

/**
 * Packs a device major and minor number into `st_rdev` as Linux's `new_encode_dev` does.
 *
 * @example
 * ```ts
 * makeDev(1, 3); // 0x103, /dev/null
 * ```
 */
export function makeDev(major: number, minor: number): number {
  return ((minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12)) >>> 0;
}

/** The major number of a packed device number. */
export function devMajor(dev: number): number {
  return (dev >>> 8) & 0xfff;
}

/** The minor number of a packed device number. */
export function devMinor(dev: number): number {
  return (dev & 0xff) | ((dev >>> 12) & 0xfff00);
}
