/**
 * `open`: the last-component rules of Linux's `open_last_lookups` and `do_open` —
 * `O_CREAT`, `O_EXCL`, `O_TRUNC`, `O_DIRECTORY`, `O_NOFOLLOW`, trailing slashes, creating
 * through a dangling symlink — then the permission checks and the backend or driver handle.
 */

import {
  MAXSYMLINKS,
  O_ACCMODE,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOFOLLOW,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
  R_OK,
  S_IFMT,
  S_IFREG,
  W_OK,
  isCharDevice,
  isDirectory,
  isRegular,
  isSymlink,
} from "./constants.js";
import { permits } from "./credentials.js";
import { ErrnoError } from "./errno.js";
import type { FileHandle } from "./filesystem.js";
import type { Location } from "./mount-table.js";
import { OpenFile } from "./open-file.js";
import { checkCreate, newGroup } from "./vfs-names.js";
import {
  lookupMaybe,
  parentOf,
  resolve,
  statAt,
  lookupLast,
  walkParent,
  type LinkBudget,
  type VfsContext,
} from "./walk.js";

/** Finds or creates the inode `open` works on; `created` says whether it is new. */
function openTarget(
  ctx: VfsContext,
  path: string,
  flags: number,
  mode: number,
  budget: LinkBudget,
  base?: Location,
): { loc: Location; created: boolean } {
  if ((flags & O_CREAT) === 0) {
    return { loc: resolve(ctx, path, (flags & O_NOFOLLOW) === 0, budget, base), created: false };
  }
  const walk = walkParent(ctx, path, budget, base);
  // `.`, `..` and `/` name existing directories: `do_open` then gives EEXIST or EISDIR.
  if (walk.kind !== "normal") return { loc: lookupLast(ctx, walk), created: false };
  // A new name with a trailing slash can only be a directory, which open cannot create.
  if (walk.trailing) throw new ErrnoError("EISDIR");
  const found = lookupMaybe(walk.dir, walk.last);
  const existing =
    found === undefined ? undefined : ctx.table.topAt({ mount: walk.dir.mount, ino: found });
  if (existing !== undefined) {
    if ((flags & O_EXCL) !== 0) throw new ErrnoError("EEXIST");
    if (isSymlink(statAt(existing).mode) && (flags & O_NOFOLLOW) === 0) {
      // Following a final symlink under O_CREAT creates its target if that is missing.
      if (++budget.count > MAXSYMLINKS) throw new ErrnoError("ELOOP");
      const target = existing.mount.fs.readlink(existing.ino);
      if (target === "") throw new ErrnoError("ENOENT");
      return openTarget(ctx, target, flags, mode, budget, walk.dir);
    }
    return { loc: existing, created: false };
  }
  checkCreate(ctx, walk.dir);
  const dirStats = statAt(walk.dir);
  const ino = walk.dir.mount.fs.create(walk.dir.ino, walk.last, {
    mode: S_IFREG | (mode & ~ctx.umask & 0o7777),
    uid: ctx.cred.uid,
    gid: newGroup(ctx.cred, dirStats),
  });
  return { loc: { mount: walk.dir.mount, ino }, created: true };
}

/**
 * Opens `path` with Linux `open(2)` flags and creation `mode` (masked by the umask).
 *
 * @example
 * ```ts
 * const f = openPath(ctx, "/etc/motd", O_RDONLY, 0);
 * ```
 */
export function openPath(
  ctx: VfsContext,
  path: string,
  flags: number,
  mode: number,
  base?: Location,
): OpenFile {
  const { loc, created } = openTarget(ctx, path, flags, mode, { count: 0 }, base);
  const st = statAt(loc);
  const access = flags & O_ACCMODE;
  const wantsWrite = access !== O_RDONLY || (flags & O_TRUNC) !== 0;
  if ((flags & O_CREAT) !== 0 && !created) {
    if ((flags & O_EXCL) !== 0) throw new ErrnoError("EEXIST");
    if (isDirectory(st.mode)) throw new ErrnoError("EISDIR");
  }
  if ((flags & O_DIRECTORY) !== 0 && !isDirectory(st.mode)) throw new ErrnoError("ENOTDIR");
  if (isSymlink(st.mode)) throw new ErrnoError("ELOOP");
  if (isDirectory(st.mode) && wantsWrite) throw new ErrnoError("EISDIR");
  if (access === O_ACCMODE) throw new ErrnoError("EINVAL");
  if (!created) {
    if (wantsWrite && loc.mount.fs.readOnly && (isRegular(st.mode) || isDirectory(st.mode))) {
      throw new ErrnoError("EROFS");
    }
    const mask = (access !== O_WRONLY ? R_OK : 0) | (wantsWrite ? W_OK : 0);
    if (!permits(ctx.cred, st, mask)) throw new ErrnoError("EACCES");
  }
  let handle: FileHandle | null = null;
  if (isCharDevice(st.mode)) handle = ctx.devices.open(st.rdev, flags);
  else if (!isDirectory(st.mode)) handle = loc.mount.fs.open(loc.ino, flags);
  if (!created && (flags & O_TRUNC) !== 0 && (st.mode & S_IFMT) === S_IFREG && st.size > 0) {
    try {
      loc.mount.fs.setattr(loc.ino, { size: 0 });
    } catch (e) {
      handle?.close();
      throw e;
    }
  }
  const parent = (): number => {
    try {
      return parentOf(ctx, loc).ino;
    } catch (e) {
      // A removed directory has no parent left to name; report itself, as for the root.
      if (e instanceof ErrnoError) return loc.ino;
      throw e;
    }
  };
  return new OpenFile(loc, flags, handle, ctx.cred, path, parent);
}
