/**
 * Linux errno values (the i386 ABI returns them negated in EAX).
 */

/** The errno values the system-call layer uses so far. */
export const Errno = {
  /** Operation not permitted. */
  EPERM: 1,
  /** Bad file descriptor. */
  EBADF: 9,
  /** Bad address: a user pointer that is not mapped or not accessible. */
  EFAULT: 14,
  /** Invalid argument. */
  EINVAL: 22,
  /** Function not implemented: an unknown system-call number. */
  ENOSYS: 38,
} as const;
/** One of the {@link Errno} values. */
export type Errno = (typeof Errno)[keyof typeof Errno];

/** An error that a system call turns into `-errno`. */
export class ErrnoError extends Error {
  override readonly name = "ErrnoError";
  /** @param errno - the positive errno value. */
  constructor(
    readonly errno: number,
    message: string,
  ) {
    super(message);
  }
}
