/**
 * What archive readers produce: a flat list of entries, and the typed error for malformed
 * archives.
 */

import { ErrnoError } from "./errno.js";

/** The kind of file an archive entry holds. */
export type ArchiveEntryType =
  "file" | "directory" | "symlink" | "hardlink" | "chardev" | "blockdev" | "fifo";

/** One member of an archive, already validated. */
export interface ArchiveEntry {
  /** Relative path, without leading `/` or `./`, never containing `..`. */
  path: string;
  /** What it is. */
  type: ArchiveEntryType;
  /** Permission bits (with set-id and sticky bits). */
  mode: number;
  /** Owner. */
  uid: number;
  /** Group. */
  gid: number;
  /** Modification time in milliseconds since the epoch. */
  mtimeMs: number;
  /** Contents of a regular file (a view into the archive). */
  data: Uint8Array;
  /** Target of a symlink, or the archive path a hard link refers to. */
  linkTarget: string;
  /** Device major number of a device node. */
  devMajor: number;
  /** Device minor number of a device node. */
  devMinor: number;
  /** Byte offset of the entry's header in the archive. */
  offset: number;
}

/**
 * A malformed or truncated archive: errno `EINVAL`, with the format and the byte offset of
 * the problem in the message and in `offset`.
 *
 * @example
 * ```ts
 * try { parseTar(bytes); } catch (e) {
 *   if (e instanceof ArchiveError) console.log(e.offset, e.message);
 * }
 * ```
 */
export class ArchiveError extends ErrnoError {
  constructor(
    /** `"ustar"` or `"cpio"`. */
    readonly format: string,
    /** Byte offset in the archive where the problem is. */
    readonly offset: number,
    /** What is wrong. */
    readonly problem: string,
  ) {
    super("EINVAL", format);
    this.name = "ArchiveError";
    this.message = `${format}: ${problem} at offset ${offset}`;
  }
}

/**
 * Normalizes an archive path: strips leading `/` and `./`, collapses `//` and `.`; an entry
 * that would climb out with `..` is refused (returns undefined).
 */
export function cleanArchivePath(raw: string): string | undefined {
  const parts: string[] = [];
  for (const part of raw.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return undefined;
    parts.push(part);
  }
  return parts.join("/");
}

/** A blank entry to fill in. */
export function emptyEntry(offset: number): ArchiveEntry {
  return {
    path: "",
    type: "file",
    mode: 0o644,
    uid: 0,
    gid: 0,
    mtimeMs: 0,
    data: new Uint8Array(0),
    linkTarget: "",
    devMajor: 0,
    devMinor: 0,
    offset,
  };
}
