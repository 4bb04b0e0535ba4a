/**
 * Path resolution as Linux's namei does it: `.` and `..` (stopping at the process root and
 * crossing mounts), search permission on every directory, symlinks followed with one budget
 * of 40 per call (`ELOOP`), trailing slashes, `ENAMETOOLONG`.
 */

import { MAXSYMLINKS, NAME_MAX, PATH_MAX, X_OK, isDirectory, isSymlink } from "./constants.js";
import { permits, type Credentials } from "./credentials.js";
import type { DeviceRegistry } from "./devices.js";
import { ErrnoError } from "./errno.js";
import { sameLocation, type Location, type MountTable } from "./mount-table.js";
import type { Stats } from "./stats.js";

/** What a path walk needs: mounts, the process's root and cwd, its credential and umask. */
export interface VfsContext {
  /** The mount table. */
  readonly table: MountTable;
  /** Character device drivers. */
  readonly devices: DeviceRegistry;
  /** The process root (`chroot`); `..` stops here. */
  root: Location;
  /** The current directory; relative paths start here. */
  cwd: Location;
  /** Who is asking. */
  cred: Credentials;
  /** File mode creation mask. */
  umask: number;
}

/** How the last component of a path looks. */
export type LastKind = "normal" | "dot" | "dotdot" | "root";

/** A path walked up to its last component. */
export interface ParentWalk {
  /** The directory that holds (or would hold) the last component. */
  dir: Location;
  /** The last component (`""` for `/`). */
  last: string;
  /** Whether the last component is a name, `.`, `..`, or the path is just slashes. */
  kind: LastKind;
  /** Whether the path ends with `/` after its last component. */
  trailing: boolean;
}

/** A symlink budget shared by every nested resolution of one call. */
export interface LinkBudget {
  count: number;
}

const encoder = new TextEncoder();

/** Byte length in UTF-8 (Linux limits are in bytes). */
export function byteLength(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) return encoder.encode(s).length;
  }
  return s.length;
}

/** The attributes of a location, with `st_dev` set to the mount id. */
export function statAt(loc: Location): Stats {
  const st = loc.mount.fs.stat(loc.ino);
  st.dev = loc.mount.id;
  return st;
}

/** `EACCES` unless `ctx.cred` may search the directory `dir`; `ENOTDIR` if it is not one. */
export function checkSearch(ctx: VfsContext, dir: Location): void {
  const st = statAt(dir);
  if (!isDirectory(st.mode)) throw new ErrnoError("ENOTDIR");
  if (!permits(ctx.cred, st, X_OK)) throw new ErrnoError("EACCES");
}

/** The parent directory of `dir`, going up through mount points, never above the root. */
export function parentOf(ctx: VfsContext, dir: Location): Location {
  let at = dir;
  if (sameLocation(at, ctx.root)) return at;
  while (at.ino === at.mount.fs.rootIno && at.mount.parent !== null) {
    at = { mount: at.mount.parent, ino: at.mount.mountpoint };
    if (sameLocation(at, ctx.root)) return at;
  }
  const up = { mount: at.mount, ino: at.mount.fs.lookup(at.ino, "..") ?? at.ino };
  return ctx.table.topAt(up);
}

/**
 * Looks `name` up in `dir` without crossing mounts: what unlink, rmdir and rename work on.
 * `ENAMETOOLONG` for a component longer than 255 bytes.
 */
export function lookupRaw(dir: Location, name: string): Location {
  const ino = lookupMaybe(dir, name);
  if (ino === undefined) throw new ErrnoError("ENOENT");
  return { mount: dir.mount, ino };
}

/** Like `lookupRaw`, but an absent name gives `undefined` (no exception on the create path). */
export function lookupMaybe(dir: Location, name: string): number | undefined {
  if (byteLength(name) > NAME_MAX) throw new ErrnoError("ENAMETOOLONG");
  return dir.mount.fs.lookup(dir.ino, name);
}

/** One step of a walk: search permission, then `.`, `..` or a name, then mounts on top. */
export function step(ctx: VfsContext, dir: Location, name: string): Location {
  checkSearch(ctx, dir);
  if (name === "." || name === "") return dir;
  if (name === "..") return parentOf(ctx, dir);
  return ctx.table.topAt(lookupRaw(dir, name));
}

/** Splits a path into components; `ENOENT` for `""`, `ENAMETOOLONG` beyond 4095 bytes. */
function split(path: string): { absolute: boolean; parts: string[]; trailing: boolean } {
  if (path === "") throw new ErrnoError("ENOENT");
  if (byteLength(path) > PATH_MAX) throw new ErrnoError("ENAMETOOLONG");
  const parts = path.split("/").filter((p) => p !== "");
  return {
    absolute: path.startsWith("/"),
    parts,
    trailing: parts.length > 0 && path.endsWith("/"),
  };
}

/**
 * Walks every component but the last, following symlinks in them; search permission on the
 * final directory is checked too (as Linux's `link_path_walk`).
 */
export function walkParent(
  ctx: VfsContext,
  path: string,
  budget: LinkBudget = { count: 0 },
  base?: Location,
): ParentWalk {
  const { absolute, parts, trailing } = split(path);
  let dir = absolute ? ctx.root : (base ?? ctx.cwd);
  for (let i = 0; i < parts.length - 1; i++) {
    const name = parts[i] as string;
    const next = step(ctx, dir, name);
    const resolved = followLinks(ctx, next, dir, budget);
    if (!isDirectory(statAt(resolved).mode)) throw new ErrnoError("ENOTDIR");
    dir = resolved;
  }
  const last = parts[parts.length - 1];
  if (last === undefined) return { dir, last: "", kind: "root", trailing: false };
  checkSearch(ctx, dir);
  const kind: LastKind = last === "." ? "dot" : last === ".." ? "dotdot" : "normal";
  return { dir, last, kind, trailing };
}

/** The location of a walked path's last component (without following a final symlink). */
export function lookupLast(ctx: VfsContext, walk: ParentWalk): Location {
  if (walk.kind === "root") return walk.dir;
  return step(ctx, walk.dir, walk.last);
}

/** If `loc` is a symlink, resolves it (relative targets from `dir`), spending the budget. */
export function followLinks(
  ctx: VfsContext,
  loc: Location,
  dir: Location,
  budget: LinkBudget,
): Location {
  const st = statAt(loc);
  if (!isSymlink(st.mode)) return loc;
  if (++budget.count > MAXSYMLINKS) throw new ErrnoError("ELOOP");
  const target = loc.mount.fs.readlink(loc.ino);
  if (target === "") throw new ErrnoError("ENOENT");
  return resolve(ctx, target, true, budget, dir);
}

/**
 * Resolves a whole path to a location. `follow` follows a final symlink; a trailing slash
 * always does and then requires a directory (`ENOTDIR`).
 *
 * @example
 * ```ts
 * const loc = resolve(ctx, "/usr/bin/../lib", true);
 * ```
 */
export function resolve(
  ctx: VfsContext,
  path: string,
  follow: boolean,
  budget: LinkBudget = { count: 0 },
  base?: Location,
): Location {
  const walk = walkParent(ctx, path, budget, base);
  let loc = lookupLast(ctx, walk);
  if (follow || walk.trailing) loc = followLinks(ctx, loc, walk.dir, budget);
  if (walk.trailing && !isDirectory(statAt(loc).mode)) throw new ErrnoError("ENOTDIR");
  return loc;
}

/** Whether `ancestor` is `loc` or one of its ancestors within the same mount. */
export function isAncestor(ancestor: Location, loc: Location): boolean {
  if (ancestor.mount !== loc.mount) return false;
  const fs = loc.mount.fs;
  let ino = loc.ino;
  for (let depth = 0; depth < 100_000; depth++) {
    if (ino === ancestor.ino) return true;
    if (ino === fs.rootIno) return false;
    const up = fs.lookup(ino, "..");
    if (up === undefined || up === ino) return false;
    ino = up;
  }
  return false;
}
