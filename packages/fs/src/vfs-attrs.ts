/**
 * Operations on attributes: stat, readlink, chmod, chown, utimes, truncate, access.
 */

import { R_OK, S_IFMT, S_IFREG, W_OK, X_OK, isDirectory, isSymlink } from "./constants.js";
import { inGroup, ownsOrRoot, permits } from "./credentials.js";
import { ErrnoError } from "./errno.js";
import type { Location } from "./mount-table.js";
import { validOffset } from "./open-file.js";
import type { SetAttr, Stats } from "./stats.js";
import { resolve, statAt, type VfsContext } from "./walk.js";

/** `stat` (follow) or `lstat` (do not follow a final symlink). */
export function stat(ctx: VfsContext, path: string, follow: boolean): Stats {
  return statAt(resolve(ctx, path, follow));
}

/** The target of the symbolic link at `path` (`EINVAL` when it is not one). */
export function readlink(ctx: VfsContext, path: string): string {
  const loc = resolve(ctx, path, false);
  if (!isSymlink(statAt(loc).mode)) throw new ErrnoError("EINVAL");
  return loc.mount.fs.readlink(loc.ino);
}

/**
 * Changes permission bits of an inode: owner or root only (`EPERM`, after `EROFS`); an
 * unprivileged owner outside the file's group loses the set-group-id bit, as on Linux.
 */
export function chmodAt(ctx: VfsContext, loc: Location, mode: number): void {
  const st = statAt(loc);
  if (loc.mount.fs.readOnly) throw new ErrnoError("EROFS");
  if (!ownsOrRoot(ctx.cred, st)) throw new ErrnoError("EPERM");
  let bits = mode & 0o7777;
  if (ctx.cred.uid !== 0 && !inGroup(ctx.cred, st.gid) && !isDirectory(st.mode)) bits &= ~0o2000;
  loc.mount.fs.setattr(loc.ino, { mode: bits });
}

/**
 * Changes owner and group (-1 keeps one) with Linux's `chown_ok`/`chgrp_ok`: only root gives
 * a file away; its owner may set the group to one of its own groups; `-1, -1` is allowed to
 * anyone. Like Linux, any chown of a non-directory clears set-user-id, and set-group-id when
 * group execute is set.
 */
export function chownAt(ctx: VfsContext, loc: Location, uid: number, gid: number): void {
  const st = statAt(loc);
  const cred = ctx.cred;
  if (loc.mount.fs.readOnly) throw new ErrnoError("EROFS");
  if (cred.uid !== 0) {
    const isOwner = cred.uid === st.uid;
    const uidOk = uid === -1 || (isOwner && uid === st.uid);
    const gidOk = gid === -1 || (isOwner && (gid === st.gid || inGroup(cred, gid)));
    if (!uidOk || !gidOk) throw new ErrnoError("EPERM");
  }
  const attr: SetAttr = {};
  if (uid !== -1) attr.uid = uid;
  if (gid !== -1) attr.gid = gid;
  if (!isDirectory(st.mode) && (st.mode & S_IFMT) !== 0o120000) {
    let mode = st.mode & ~0o4000;
    if ((st.mode & 0o2010) === 0o2010) mode &= ~0o2000;
    if ((mode & 0o7777) !== (st.mode & 0o7777)) attr.mode = mode;
  }
  loc.mount.fs.setattr(loc.ino, attr);
}

/**
 * Sets access and modification times; `null` times mean "now" and need ownership or write
 * permission (`EACCES`), explicit times need ownership (`EPERM`).
 */
export function utimesAt(
  ctx: VfsContext,
  loc: Location,
  atimeMs: number | null,
  mtimeMs: number | null,
  now: number,
): void {
  for (const t of [atimeMs, mtimeMs]) {
    if (t !== null && !Number.isFinite(t)) throw new ErrnoError("EINVAL");
  }
  const st = statAt(loc);
  if (loc.mount.fs.readOnly) throw new ErrnoError("EROFS");
  if (atimeMs === null && mtimeMs === null) {
    if (!ownsOrRoot(ctx.cred, st) && !permits(ctx.cred, st, W_OK)) {
      throw new ErrnoError("EACCES");
    }
  } else if (!ownsOrRoot(ctx.cred, st)) {
    throw new ErrnoError("EPERM");
  }
  loc.mount.fs.setattr(loc.ino, { atimeMs: atimeMs ?? now, mtimeMs: mtimeMs ?? now });
}

/** Sets the size of the regular file at `path`. */
export function truncate(ctx: VfsContext, path: string, length: number): void {
  if (!validOffset(length)) throw new ErrnoError("EINVAL");
  const loc = resolve(ctx, path, true);
  const st = statAt(loc);
  if (isDirectory(st.mode)) throw new ErrnoError("EISDIR");
  if ((st.mode & S_IFMT) !== S_IFREG) throw new ErrnoError("EINVAL");
  if (loc.mount.fs.readOnly) throw new ErrnoError("EROFS");
  if (!permits(ctx.cred, st, W_OK)) throw new ErrnoError("EACCES");
  loc.mount.fs.setattr(loc.ino, { size: length });
}

/** Checks `R_OK | W_OK | X_OK` (or existence for 0) for the caller's credential. */
export function access(ctx: VfsContext, path: string, mode: number): void {
  if ((mode & ~7) !== 0) throw new ErrnoError("EINVAL");
  const loc = resolve(ctx, path, true);
  if (mode === 0) return;
  const st = statAt(loc);
  if ((mode & W_OK) !== 0 && loc.mount.fs.readOnly && !isDevice(st.mode)) {
    throw new ErrnoError("EROFS");
  }
  if (!permits(ctx.cred, st, mode & (R_OK | W_OK | X_OK))) throw new ErrnoError("EACCES");
}

function isDevice(mode: number): boolean {
  const type = mode & S_IFMT;
  return type === 0o020000 || type === 0o060000 || type === 0o010000 || type === 0o140000;
}
