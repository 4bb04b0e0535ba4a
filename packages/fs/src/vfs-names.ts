/**
 * Operations on names: mkdir, mknod, symlink, link, unlink, rmdir, rename — with Linux's
 * order of checks, so the errno a caller sees is the one Linux would give.
 */

import {
  PATH_MAX,
  RENAME_EXCHANGE,
  RENAME_NOREPLACE,
  S_IFCHR,
  S_IFBLK,
  S_IFDIR,
  S_IFIFO,
  S_IFMT,
  S_IFREG,
  S_ISVTX,
  W_OK,
  X_OK,
  isDirectory,
  isRegular,
} from "./constants.js";
import { permits, type Credentials } from "./credentials.js";
import { ErrnoError } from "./errno.js";
import { sameLocation, type Location } from "./mount-table.js";
import type { Stats } from "./stats.js";
import {
  byteLength,
  isAncestor,
  lookupMaybe,
  lookupRaw,
  resolve,
  statAt,
  walkParent,
  type ParentWalk,
  type VfsContext,
} from "./walk.js";

/** Looks the last component up without crossing mounts; undefined when absent. */
function probe(walk: ParentWalk): Location | undefined {
  const ino = lookupMaybe(walk.dir, walk.last);
  return ino === undefined ? undefined : { mount: walk.dir.mount, ino };
}

/**
 * The checks of Linux's `filename_create` and `may_create`: the name must be new (`EEXIST`),
 * a trailing slash only for directories (`ENOENT`), the file system writable (`EROFS`) and
 * the directory writable and searchable (`EACCES`).
 */
export function prepareCreate(
  ctx: VfsContext,
  path: string,
  wantDir: boolean,
  checkPermission = true,
): ParentWalk {
  const walk = walkParent(ctx, path);
  if (walk.kind !== "normal") throw new ErrnoError("EEXIST");
  if (probe(walk) !== undefined) throw new ErrnoError("EEXIST");
  if (walk.trailing && !wantDir) throw new ErrnoError("ENOENT");
  if (walk.dir.mount.fs.readOnly) throw new ErrnoError("EROFS");
  if (checkPermission) checkCreate(ctx, walk.dir);
  return walk;
}

/** `EROFS` / `EACCES` unless `ctx.cred` may add entries to `dir`. */
export function checkCreate(ctx: VfsContext, dir: Location): void {
  if (dir.mount.fs.readOnly) throw new ErrnoError("EROFS");
  if (!permits(ctx.cred, statAt(dir), W_OK | X_OK)) throw new ErrnoError("EACCES");
}

/** The group a new inode gets: the directory's if it is set-group-id, else the creator's. */
export function newGroup(cred: Credentials, dirStats: Stats): number {
  return (dirStats.mode & 0o2000) !== 0 ? dirStats.gid : cred.gid;
}

/** Creates a directory with `mode & ~umask`. */
export function mkdir(ctx: VfsContext, path: string, mode: number): void {
  const walk = prepareCreate(ctx, path, true);
  const dirStats = statAt(walk.dir);
  // A set-group-id directory passes the bit on to subdirectories, as Linux does.
  const inherit = dirStats.mode & 0o2000;
  walk.dir.mount.fs.create(walk.dir.ino, walk.last, {
    mode: S_IFDIR | inherit | (mode & ~ctx.umask & 0o1777),
    uid: ctx.cred.uid,
    gid: newGroup(ctx.cred, dirStats),
  });
}

/** Creates a file, device node or FIFO; devices need root (`EPERM`). */
export function mknod(ctx: VfsContext, path: string, mode: number, rdev: number): void {
  const type = mode & S_IFMT || S_IFREG;
  if (type !== S_IFREG && type !== S_IFCHR && type !== S_IFBLK && type !== S_IFIFO) {
    throw new ErrnoError("EINVAL");
  }
  const walk = prepareCreate(ctx, path, false);
  if ((type === S_IFCHR || type === S_IFBLK) && ctx.cred.uid !== 0) throw new ErrnoError("EPERM");
  walk.dir.mount.fs.create(walk.dir.ino, walk.last, {
    mode: type | (mode & ~ctx.umask & 0o7777),
    uid: ctx.cred.uid,
    gid: newGroup(ctx.cred, statAt(walk.dir)),
    rdev: type === S_IFCHR || type === S_IFBLK ? rdev : 0,
  });
}

/** Creates a symbolic link `path` holding `target`. */
export function symlink(ctx: VfsContext, target: string, path: string): void {
  if (target === "") throw new ErrnoError("ENOENT");
  if (byteLength(target) > PATH_MAX) throw new ErrnoError("ENAMETOOLONG");
  const walk = prepareCreate(ctx, path, false);
  walk.dir.mount.fs.symlink(
    walk.dir.ino,
    walk.last,
    target,
    ctx.cred.uid,
    newGroup(ctx.cred, statAt(walk.dir)),
  );
}

/**
 * Adds a hard link `newPath` to the inode of `oldPath` (a final symlink is linked itself).
 * Directories give `EPERM`, another mount `EXDEV`; unprivileged users may only link files
 * they own or can read and write (Linux's `protected_hardlinks`).
 */
export function link(ctx: VfsContext, oldPath: string, newPath: string): void {
  const target = resolve(ctx, oldPath, false);
  const walk = prepareCreate(ctx, newPath, false, false);
  if (walk.dir.mount !== target.mount) throw new ErrnoError("EXDEV");
  const st = statAt(target);
  if (ctx.cred.uid !== 0 && ctx.cred.uid !== st.uid) {
    const safe = isRegular(st.mode) && (st.mode & 0o4000) === 0;
    if (!safe || !permits(ctx.cred, st, 6)) throw new ErrnoError("EPERM");
  }
  checkCreate(ctx, walk.dir);
  if (isDirectory(st.mode)) throw new ErrnoError("EPERM");
  walk.dir.mount.fs.link(walk.dir.ino, walk.last, target.ino);
}

/**
 * Linux's `may_delete`: the victim exists, the directory is writable and searchable, the
 * sticky bit is respected (`EPERM`), directories are removed only as directories.
 */
function mayDelete(ctx: VfsContext, dir: Location, victim: Location, asDir: boolean): void {
  const dirStats = statAt(dir);
  if (!permits(ctx.cred, dirStats, W_OK | X_OK)) throw new ErrnoError("EACCES");
  const st = statAt(victim);
  const cred = ctx.cred;
  if ((dirStats.mode & S_ISVTX) !== 0 && cred.uid !== 0) {
    if (cred.uid !== st.uid && cred.uid !== dirStats.uid) throw new ErrnoError("EPERM");
  }
  if (asDir) {
    if (!isDirectory(st.mode)) throw new ErrnoError("ENOTDIR");
    if (victim.ino === victim.mount.fs.rootIno) throw new ErrnoError("EBUSY");
  } else if (isDirectory(st.mode)) {
    throw new ErrnoError("EISDIR");
  }
  if (ctx.table.coveredBy(victim) !== undefined) throw new ErrnoError("EBUSY");
}

/** Removes a name of a non-directory. */
export function unlink(ctx: VfsContext, path: string): void {
  const walk = walkParent(ctx, path);
  if (walk.kind !== "normal") throw new ErrnoError("EISDIR");
  if (walk.dir.mount.fs.readOnly) throw new ErrnoError("EROFS");
  const victim = lookupRaw(walk.dir, walk.last);
  if (walk.trailing) {
    throw new ErrnoError(isDirectory(statAt(victim).mode) ? "EISDIR" : "ENOTDIR");
  }
  mayDelete(ctx, walk.dir, victim, false);
  walk.dir.mount.fs.unlink(walk.dir.ino, walk.last);
}

/** Removes an empty directory (`.` is `EINVAL`, `..` `ENOTEMPTY`, `/` `EBUSY`). */
export function rmdir(ctx: VfsContext, path: string): void {
  const walk = walkParent(ctx, path);
  if (walk.kind === "dot") throw new ErrnoError("EINVAL");
  if (walk.kind === "dotdot") throw new ErrnoError("ENOTEMPTY");
  if (walk.kind === "root") throw new ErrnoError("EBUSY");
  if (walk.dir.mount.fs.readOnly) throw new ErrnoError("EROFS");
  const victim = lookupRaw(walk.dir, walk.last);
  mayDelete(ctx, walk.dir, victim, true);
  walk.dir.mount.fs.rmdir(walk.dir.ino, walk.last);
}

/**
 * Renames `oldPath` to `newPath` with Linux's rules: same mount (`EXDEV`), not `.`/`..`
 * (`EBUSY`), a directory not into itself (`EINVAL`), not over an ancestor (`ENOTEMPTY`), a
 * directory only over an empty directory, a non-directory only over a non-directory, and
 * nothing at all when both names are links to the same inode.
 */
export function rename(ctx: VfsContext, oldPath: string, newPath: string, flags = 0): void {
  if (flags === RENAME_EXCHANGE) return exchange(ctx, oldPath, newPath);
  if ((flags & ~RENAME_NOREPLACE) !== 0) throw new ErrnoError("EINVAL");
  const noReplace = (flags & RENAME_NOREPLACE) !== 0;
  const from = walkParent(ctx, oldPath);
  const to = walkParent(ctx, newPath);
  if (from.dir.mount !== to.dir.mount) throw new ErrnoError("EXDEV");
  if (from.kind !== "normal") throw new ErrnoError("EBUSY");
  if (to.kind !== "normal") throw new ErrnoError(noReplace ? "EEXIST" : "EBUSY");
  const fs = from.dir.mount.fs;
  if (fs.readOnly) throw new ErrnoError("EROFS");
  const source = lookupRaw(from.dir, from.last);
  const target = probe(to);
  if (noReplace && target !== undefined) throw new ErrnoError("EEXIST");
  const sourceIsDir = isDirectory(statAt(source).mode);
  if (!sourceIsDir && (from.trailing || to.trailing)) throw new ErrnoError("ENOTDIR");
  if (!sameLocation(from.dir, to.dir)) {
    if (isAncestor(source, to.dir)) throw new ErrnoError("EINVAL");
    if (target !== undefined && isAncestor(target, from.dir)) throw new ErrnoError("ENOTEMPTY");
  }
  if (target !== undefined && target.ino === source.ino) return;
  mayDelete(ctx, from.dir, source, sourceIsDir);
  if (target === undefined) checkCreate(ctx, to.dir);
  else mayDelete(ctx, to.dir, target, sourceIsDir);
  if (sourceIsDir && !sameLocation(from.dir, to.dir)) {
    // Moving a directory rewrites its `..`, so Linux wants write permission on it too.
    if (!permits(ctx.cred, statAt(source), W_OK)) throw new ErrnoError("EACCES");
  }
  fs.rename(from.dir.ino, from.last, to.dir.ino, to.last);
}

/**
 * Swaps two existing names (`RENAME_EXCHANGE`): both must exist (`ENOENT`), on one mount
 * (`EXDEV`), neither inside the other (`EINVAL`), both deletable by the caller; a backend
 * without `exchange` gives `EINVAL`.
 */
function exchange(ctx: VfsContext, pathA: string, pathB: string): void {
  const a = walkParent(ctx, pathA);
  const b = walkParent(ctx, pathB);
  if (a.dir.mount !== b.dir.mount) throw new ErrnoError("EXDEV");
  if (a.kind !== "normal" || b.kind !== "normal") throw new ErrnoError("EBUSY");
  const fs = a.dir.mount.fs;
  if (fs.readOnly) throw new ErrnoError("EROFS");
  const locA = lookupRaw(a.dir, a.last);
  const locB = lookupRaw(b.dir, b.last);
  const aIsDir = isDirectory(statAt(locA).mode);
  const bIsDir = isDirectory(statAt(locB).mode);
  if ((!aIsDir && a.trailing) || (!bIsDir && b.trailing)) throw new ErrnoError("ENOTDIR");
  if (!sameLocation(a.dir, b.dir) && (isAncestor(locA, b.dir) || isAncestor(locB, a.dir))) {
    throw new ErrnoError("EINVAL");
  }
  if (locA.ino === locB.ino) return;
  mayDelete(ctx, a.dir, locA, aIsDir);
  mayDelete(ctx, b.dir, locB, bIsDir);
  if (!sameLocation(a.dir, b.dir)) {
    for (const [loc, isDir] of [
      [locA, aIsDir],
      [locB, bIsDir],
    ] as const) {
      if (isDir && !permits(ctx.cred, statAt(loc), W_OK)) throw new ErrnoError("EACCES");
    }
  }
  if (!fs.exchange) throw new ErrnoError("EINVAL");
  fs.exchange(a.dir.ino, a.last, b.dir.ino, b.last);
}
