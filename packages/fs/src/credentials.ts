/**
 * Who is asking: the credential that permission checks use, with Linux's rules.
 */

import { isDirectory } from "./constants.js";
import type { Stats } from "./stats.js";

/** A process's file-system credential: user id, primary group, supplementary groups. */
export interface Credentials {
  /** Effective (file-system) user id; 0 is root. */
  uid: number;
  /** Effective group id. */
  gid: number;
  /** Supplementary group ids. */
  groups: readonly number[];
}

/** The credential of root (uid 0), which bypasses permission bits as on Linux. */
export const ROOT: Credentials = Object.freeze({ uid: 0, gid: 0, groups: Object.freeze([]) });

/** Whether `cred` belongs to group `gid` (primary or supplementary). */
export function inGroup(cred: Credentials, gid: number): boolean {
  return cred.gid === gid || cred.groups.includes(gid);
}

/**
 * Whether `cred` may access an inode with the `R_OK | W_OK | X_OK` bits in `mask`, by
 * Linux's `generic_permission`: the owner class, else the group class, else others; root may
 * read and write anything and execute anything that has some execute bit (or is a directory).
 *
 * @example
 * ```ts
 * permits({ uid: 1000, gid: 1000, groups: [] }, stats, R_OK | W_OK);
 * ```
 */
export function permits(cred: Credentials, stats: Stats, mask: number): boolean {
  if (mask === 0) return true;
  if (cred.uid === 0) {
    if ((mask & 1) === 0 || isDirectory(stats.mode)) return true;
    return (stats.mode & 0o111) !== 0;
  }
  let bits: number;
  if (cred.uid === stats.uid) bits = (stats.mode >> 6) & 7;
  else if (inGroup(cred, stats.gid)) bits = (stats.mode >> 3) & 7;
  else bits = stats.mode & 7;
  return (bits & mask) === mask;
}

/** Whether `cred` owns the inode or is root (who may chmod, utimes with explicit times, …). */
export function ownsOrRoot(cred: Credentials, stats: Stats): boolean {
  return cred.uid === 0 || cred.uid === stats.uid;
}
