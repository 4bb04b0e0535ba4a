/**
 * Loads initrd archives (ustar or newc cpio) into any directory of a `Vfs`.
 */

import { ArchiveError, type ArchiveEntry } from "./archive-entry.js";
import { S_IFBLK, S_IFCHR, S_IFIFO, isDirectory, makeDev } from "./constants.js";
import { parseCpio } from "./cpio-reader.js";
import { ErrnoError } from "./errno.js";
import { parseTar } from "./tar-reader.js";
import type { Vfs } from "./vfs.js";

/** Archive formats the loader reads. */
export type ArchiveFormat = "ustar" | "cpio";

/** Options of `loadArchive`. */
export interface LoadOptions {
  /** The format; detected from the magic numbers when absent. */
  format?: ArchiveFormat;
  /** Keep the archive's owners (default true; needs root in the VFS). */
  preserveOwners?: boolean;
}

/** What `loadArchive` did. */
export interface LoadResult {
  /** The detected or given format. */
  format: ArchiveFormat;
  /** Number of entries created. */
  entries: number;
}

/**
 * The format of an archive by its magic numbers: `070701`/`070702` at 0 for cpio, `ustar`
 * at 257 for tar; `ArchiveError` when neither.
 */
export function detectFormat(bytes: Uint8Array): ArchiveFormat {
  const ascii = (at: number, n: number): string =>
    String.fromCharCode(...bytes.subarray(at, at + n));
  if (ascii(0, 6) === "070701" || ascii(0, 6) === "070702") return "cpio";
  if (ascii(257, 5) === "ustar") return "ustar";
  throw new ArchiveError("archive", 0, "neither a newc cpio nor a ustar archive");
}

/**
 * Parses an archive completely (so a malformed one changes nothing), then creates its
 * entries under `dir`, keeping modes, owners, symlinks, hard links, device nodes and
 * modification times. Existing non-directories are replaced; existing directories are kept
 * and take the archive's attributes.
 *
 * @example
 * ```ts
 * loadArchive(vfs, "/", fs.readFileSync("initrd.cpio"));
 * ```
 */
export function loadArchive(
  vfs: Vfs,
  dir: string,
  bytes: Uint8Array,
  options: LoadOptions = {},
): LoadResult {
  const format = options.format ?? detectFormat(bytes);
  const entries = format === "cpio" ? parseCpio(bytes) : parseTar(bytes);
  checkLinks(entries, format);
  extractEntries(vfs, dir, entries, options.preserveOwners ?? true);
  return { format, entries: entries.length };
}

/**
 * Hard links must name an earlier regular file of the same archive, and no entry may be
 * reached through a symlink the archive made earlier (the classic way to write outside the
 * target directory: `evil -> /etc`, then `evil/passwd`).
 */
function checkLinks(entries: readonly ArchiveEntry[], format: ArchiveFormat): void {
  const files = new Set<string>();
  const symlinks = new Set<string>();
  for (const e of entries) {
    if (e.type === "hardlink" && !files.has(e.linkTarget)) {
      throw new ArchiveError(format, e.offset, `hard link to unknown file '${e.linkTarget}'`);
    }
    const parts = e.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      if (symlinks.has(prefix)) {
        throw new ArchiveError(
          format,
          e.offset,
          `'${e.path}' goes through the symlink '${prefix}'`,
        );
      }
    }
    if (e.type === "symlink") symlinks.add(e.path);
    else symlinks.delete(e.path);
    if (e.type === "file" || e.type === "hardlink") files.add(e.path);
    else files.delete(e.path);
  }
}

/**
 * Creates already-parsed entries under `dir`. Directory times and modes are applied last, so
 * creating their contents does not undo them.
 */
export function extractEntries(
  vfs: Vfs,
  dir: string,
  entries: readonly ArchiveEntry[],
  preserveOwners = true,
): void {
  const base = dir.endsWith("/") ? dir : `${dir}/`;
  vfs.mkdirp(base);
  const directories: ArchiveEntry[] = [];
  for (const e of entries) {
    const path = e.path === "" ? base : base + e.path;
    const parent = path.slice(0, path.lastIndexOf("/")) || "/";
    vfs.mkdirp(parent);
    if (e.type === "directory") {
      if (!isDir(vfs, path)) {
        removeExisting(vfs, path);
        vfs.mkdir(path, 0o700);
      }
      directories.push(e);
      continue;
    }
    removeExisting(vfs, path);
    switch (e.type) {
      case "file":
        vfs.writeFile(path, e.data, 0o600);
        break;
      case "hardlink":
        vfs.link(base + e.linkTarget, path);
        continue;
      case "symlink":
        vfs.symlink(e.linkTarget, path);
        break;
      case "chardev":
      case "blockdev":
        vfs.mknod(
          path,
          (e.type === "chardev" ? S_IFCHR : S_IFBLK) | 0o600,
          makeDev(e.devMajor, e.devMinor),
        );
        break;
      case "fifo":
        vfs.mknod(path, S_IFIFO | 0o600);
        break;
    }
    applyAttributes(vfs, path, e, preserveOwners);
  }
  // Deepest first, so setting a parent's mtime comes after its children changed it.
  for (const e of directories.reverse()) {
    applyAttributes(vfs, e.path === "" ? base : base + e.path, e, preserveOwners);
  }
}

function applyAttributes(vfs: Vfs, path: string, e: ArchiveEntry, preserveOwners: boolean): void {
  if (preserveOwners) vfs.lchown(path, e.uid, e.gid);
  if (e.type !== "symlink") vfs.chmod(path, e.mode);
  vfs.utimes(path, e.mtimeMs, e.mtimeMs, false);
}

function isDir(vfs: Vfs, path: string): boolean {
  try {
    return isDirectory(vfs.lstat(path).mode);
  } catch (e) {
    if (e instanceof ErrnoError && e.code === "ENOENT") return false;
    throw e;
  }
}

function removeExisting(vfs: Vfs, path: string): void {
  try {
    const st = vfs.lstat(path);
    if (isDirectory(st.mode)) vfs.rmdir(path);
    else vfs.unlink(path);
  } catch (e) {
    if (!(e instanceof ErrnoError) || e.code !== "ENOENT") throw e;
  }
}
