/**
 * Reads "newc" cpio archives (`cpio -H newc`, magic 070701, and the 070702 variant with
 * checksums), the format of Linux initramfs images.
 */

import {
  ArchiveError,
  cleanArchivePath,
  emptyEntry,
  type ArchiveEntry,
  type ArchiveEntryType,
} from "./archive-entry.js";

const HEADER = 110;
const decoder = new TextDecoder();

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The 13 eight-digit hex fields after the magic. */
function fields(bytes: Uint8Array, offset: number): number[] {
  const out: number[] = [];
  for (let f = 0; f < 13; f++) {
    let value = 0;
    for (let i = 0; i < 8; i++) {
      const at = offset + 6 + f * 8 + i;
      const c = bytes[at] as number;
      const digit =
        c >= 0x30 && c <= 0x39
          ? c - 0x30
          : c >= 0x41 && c <= 0x46
            ? c - 55
            : c >= 0x61 && c <= 0x66
              ? c - 87
              : -1;
      if (digit < 0) throw new ArchiveError("cpio", at, "bad hex digit in header");
      value = value * 16 + digit;
    }
    out.push(value);
  }
  return out;
}

function typeOf(mode: number): ArchiveEntryType | undefined {
  switch (mode & 0o170000) {
    case 0o100000:
      return "file";
    case 0o040000:
      return "directory";
    case 0o120000:
      return "symlink";
    case 0o020000:
      return "chardev";
    case 0o060000:
      return "blockdev";
    case 0o010000:
      return "fifo";
    default:
      return undefined;
  }
}

/**
 * Parses a whole newc cpio archive up to its `TRAILER!!!`. Hard links (entries sharing an
 * inode number) become `hardlink` entries pointing at the first name, and the one data copy
 * cpio stores (with the last link) goes to that first entry. Malformed or truncated input
 * throws an `ArchiveError` naming the offset; nothing else is ever thrown.
 *
 * @example
 * ```ts
 * const entries = parseCpio(initramfs);
 * ```
 */
export function parseCpio(bytes: Uint8Array): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  const firstByInode = new Map<string, ArchiveEntry>();
  let offset = 0;
  for (;;) {
    if (offset + HEADER > bytes.length) throw new ArchiveError("cpio", offset, "truncated header");
    const magic = decoder.decode(bytes.subarray(offset, offset + 6));
    if (magic !== "070701" && magic !== "070702") {
      throw new ArchiveError("cpio", offset, `bad magic '${magic.replace(/[^\x20-\x7e]/g, "?")}'`);
    }
    const [ino, mode, uid, gid, nlink, mtime, size, devMaj, devMin, rMaj, rMin, nameSize] = fields(
      bytes,
      offset,
    ) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (nameSize === 0) throw new ArchiveError("cpio", offset, "empty name");
    const nameEnd = offset + HEADER + nameSize;
    if (nameEnd > bytes.length) throw new ArchiveError("cpio", offset, "truncated name");
    if (bytes[nameEnd - 1] !== 0) throw new ArchiveError("cpio", offset, "name not NUL-terminated");
    const rawName = decoder.decode(bytes.subarray(offset + HEADER, nameEnd - 1));
    const dataStart = align4(nameEnd);
    if (size > bytes.length - dataStart) {
      throw new ArchiveError("cpio", offset, `truncated: entry needs ${size} bytes of data`);
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    const headerOffset = offset;
    offset = align4(dataStart + size);
    if (rawName === "TRAILER!!!") return entries;
    const type = typeOf(mode);
    if (type === undefined)
      throw new ArchiveError(
        "cpio",
        headerOffset,
        `unknown file type in mode 0${mode.toString(8)}`,
      );
    const path = cleanArchivePath(rawName);
    if (path === undefined)
      throw new ArchiveError("cpio", headerOffset, `unsafe path '${rawName}'`);
    if (path === "" && type !== "directory")
      throw new ArchiveError("cpio", headerOffset, "empty file name");
    const entry = emptyEntry(headerOffset);
    entry.path = path;
    entry.type = type;
    entry.mode = mode & 0o7777;
    entry.uid = uid;
    entry.gid = gid;
    entry.mtimeMs = mtime * 1000;
    entry.devMajor = rMaj;
    entry.devMinor = rMin;
    if (type === "symlink") entry.linkTarget = decoder.decode(data);
    if (type === "file") {
      entry.data = data;
      const key = `${devMaj}:${devMin}:${ino}`;
      const first = nlink > 1 ? firstByInode.get(key) : undefined;
      if (first !== undefined) {
        entry.type = "hardlink";
        entry.linkTarget = first.path;
        entry.data = new Uint8Array(0);
        if (data.length > 0) first.data = data;
      } else if (nlink > 1) {
        firstByInode.set(key, entry);
      }
    }
    entries.push(entry);
  }
}
