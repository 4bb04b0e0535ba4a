/**
 * Linux errno numbers and the one error type every file-system failure is thrown as.
 *
 * Every layer (backends, VFS, archive loaders) throws `ErrnoError`, so the POSIX layer maps any
 * failure to `-errno` in one place.
 */

/**
 * Linux errno numbers (asm-generic/errno-base.h and errno.h), as on i386 and x86-64.
 *
 * @example
 * ```ts
 * Errno.ENOENT; // 2
 * ```
 */
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  E2BIG: 7,
  ENOEXEC: 8,
  EBADF: 9,
  ECHILD: 10,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  ENOTBLK: 15,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOTTY: 25,
  ETXTBSY: 26,
  EFBIG: 27,
  ENOSPC: 28,
  ESPIPE: 29,
  EROFS: 30,
  EMLINK: 31,
  EPIPE: 32,
  EDOM: 33,
  ERANGE: 34,
  EDEADLK: 35,
  ENAMETOOLONG: 36,
  ENOLCK: 37,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ELOOP: 40,
  ENODATA: 61,
  EOVERFLOW: 75,
  EILSEQ: 84,
  ENOTSOCK: 88,
  EOPNOTSUPP: 95,
  ENOTSUP: 95,
  ESTALE: 116,
  EDQUOT: 122,
} as const;

/** The symbolic name of a Linux errno, such as `"ENOENT"`. */
export type ErrnoName = keyof typeof Errno;

/** Short descriptions as `strerror` gives them in glibc, for error messages. */
const DESCRIPTIONS: Partial<Record<ErrnoName, string>> = {
  EPERM: "Operation not permitted",
  ENOENT: "No such file or directory",
  EIO: "Input/output error",
  ENXIO: "No such device or address",
  EBADF: "Bad file descriptor",
  EACCES: "Permission denied",
  EBUSY: "Device or resource busy",
  EEXIST: "File exists",
  EXDEV: "Invalid cross-device link",
  ENODEV: "No such device",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EINVAL: "Invalid argument",
  ENOTTY: "Inappropriate ioctl for device",
  EFBIG: "File too large",
  ENOSPC: "No space left on device",
  ESPIPE: "Illegal seek",
  EROFS: "Read-only file system",
  EMLINK: "Too many links",
  ENAMETOOLONG: "File name too long",
  ENOSYS: "Function not implemented",
  ENOTEMPTY: "Directory not empty",
  ELOOP: "Too many levels of symbolic links",
  EOPNOTSUPP: "Operation not supported",
};

/**
 * A failure carrying a Linux errno: its name (`code`, as Node's `err.code`) and number (`errno`).
 *
 * @example
 * ```ts
 * try { vfs.stat("/missing"); } catch (e) {
 *   if (e instanceof ErrnoError) return -e.errno; // -2
 * }
 * ```
 */
export class ErrnoError extends Error {
  /** The errno name, such as `"ENOENT"`. */
  readonly code: ErrnoName;
  /** The positive errno number, such as `2`. */
  readonly errno: number;
  /** The operation that failed, such as `"open"`, when known. */
  readonly syscall: string | undefined;
  /** The path involved, when known. */
  readonly path: string | undefined;

  constructor(code: ErrnoName, syscall?: string, path?: string, detail?: string) {
    const what = DESCRIPTIONS[code] ?? code;
    const where = [syscall, path === undefined ? undefined : `'${path}'`].filter(Boolean).join(" ");
    super(`${code}: ${detail ?? what}${where ? `, ${where}` : ""}`);
    this.name = "ErrnoError";
    this.code = code;
    this.errno = Errno[code];
    this.syscall = syscall;
    this.path = path;
  }

  /** A copy of this error naming the operation and path (keeps code and number). */
  withContext(syscall: string, path?: string): ErrnoError {
    return new ErrnoError(this.code, syscall, path);
  }
}

/**
 * Shorthand for `new ErrnoError(code, …)`, handy in `throw` expressions.
 *
 * @example
 * ```ts
 * if (!entry) throw errnoError("ENOENT", "lookup", name);
 * ```
 */
export function errnoError(code: ErrnoName, syscall?: string, path?: string): ErrnoError {
  return new ErrnoError(code, syscall, path);
}

/** Whether `name` is a Linux errno name this package knows, such as Node's `err.code`. */
export function isErrnoName(name: unknown): name is ErrnoName {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(Errno, name);
}
