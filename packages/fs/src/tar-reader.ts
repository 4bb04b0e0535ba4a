/**
 * Reads POSIX ustar archives, with the GNU extensions that GNU tar writes for long names
 * (`L`/`K` members), base-256 numbers, and pax `path`/`linkpath` records.
 */

import {
  ArchiveError,
  cleanArchivePath,
  emptyEntry,
  type ArchiveEntry,
  type ArchiveEntryType,
} from "./archive-entry.js";

const BLOCK = 512;
const decoder = new TextDecoder();

/** A NUL-terminated string field. */
function text(block: Uint8Array, at: number, length: number): string {
  const field = block.subarray(at, at + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

/** A numeric field: octal digits (space or NUL padded) or GNU base-256. */
function number(block: Uint8Array, at: number, length: number, offset: number): number {
  const field = block.subarray(at, at + length);
  const first = field[0] ?? 0;
  if ((first & 0x80) !== 0) {
    if ((first & 0x40) !== 0) throw new ArchiveError("ustar", offset + at, "negative number");
    let value = first & 0x3f;
    for (let i = 1; i < field.length; i++) {
      value = value * 256 + (field[i] ?? 0);
      if (value > Number.MAX_SAFE_INTEGER)
        throw new ArchiveError("ustar", offset + at, "number too large");
    }
    return value;
  }
  let value = 0;
  let digits = 0;
  let ended = false;
  for (const byte of field) {
    if (byte === 0 || byte === 0x20) {
      if (digits > 0) ended = true;
      continue;
    }
    if (ended || byte < 0x30 || byte > 0x37) {
      throw new ArchiveError("ustar", offset + at, "bad octal number");
    }
    value = value * 8 + (byte - 0x30);
    digits++;
  }
  return value;
}

/** Whether the header checksum matches (unsigned sum, or the signed sum old tars wrote). */
function checksumOk(block: Uint8Array, stored: number): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (block[i] as number);
    unsigned += b;
    signed += b >= 128 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

const TYPES: Record<string, ArchiveEntryType> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "hardlink",
  "2": "symlink",
  "3": "chardev",
  "4": "blockdev",
  "5": "directory",
  "6": "fifo",
};

/** Parses pax extended header records (`"<len> key=value\n"`). */
function paxRecords(data: Uint8Array, offset: number): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(decoder.decode(data.subarray(at, space)));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) {
      throw new ArchiveError("ustar", offset, "bad pax record");
    }
    const record = decoder.decode(data.subarray(space + 1, at + length - 1));
    const eq = record.indexOf("=");
    if (eq < 0) throw new ArchiveError("ustar", offset, "bad pax record");
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/**
 * Parses a whole ustar (or GNU tar) archive. Any malformed or truncated input throws an
 * `ArchiveError` naming the offset; nothing else is ever thrown.
 *
 * @example
 * ```ts
 * for (const entry of parseTar(bytes)) console.log(entry.type, entry.path);
 * ```
 */
export function parseTar(bytes: Uint8Array): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    if (offset === bytes.length)
      throw new ArchiveError("ustar", offset, "truncated: no end-of-archive blocks");
    if (offset + BLOCK > bytes.length) throw new ArchiveError("ustar", offset, "truncated header");
    const block = bytes.subarray(offset, offset + BLOCK);
    if (block.every((b) => b === 0)) return entries;
    const stored = number(block, 148, 8, offset);
    if (!checksumOk(block, stored)) throw new ArchiveError("ustar", offset, "bad header checksum");
    const magic = text(block, 257, 6);
    const posix = magic === "ustar";
    if (!posix && magic !== "ustar ") throw new ArchiveError("ustar", offset, "not a ustar header");
    const size = number(block, 124, 12, offset);
    const dataStart = offset + BLOCK;
    if (size > bytes.length - dataStart) {
      throw new ArchiveError("ustar", offset, `truncated: entry needs ${size} bytes of data`);
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    const flag = String.fromCharCode(block[156] as number);
    const headerOffset = offset;
    offset = Math.min(next, bytes.length);
    if (next > bytes.length)
      throw new ArchiveError("ustar", headerOffset, "truncated data padding");
    if (flag === "L" || flag === "K") {
      const end = data.indexOf(0);
      const value = decoder.decode(end < 0 ? data : data.subarray(0, end));
      if (flag === "L") longName = value;
      else longLink = value;
      continue;
    }
    if (flag === "x") {
      const records = paxRecords(data, headerOffset);
      longName = records.get("path") ?? longName;
      longLink = records.get("linkpath") ?? longLink;
      continue;
    }
    if (flag === "g" || flag === "V") continue;
    const type = TYPES[flag];
    if (type === undefined) {
      throw new ArchiveError("ustar", headerOffset, `unsupported entry type '${flag}'`);
    }
    const prefix = posix ? text(block, 345, 155) : "";
    const rawName = longName ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
    const linkTarget = longLink ?? text(block, 157, 100);
    longName = longLink = undefined;
    const path = cleanArchivePath(rawName);
    if (path === undefined)
      throw new ArchiveError("ustar", headerOffset, `unsafe path '${rawName}'`);
    const entry = emptyEntry(headerOffset);
    entry.path = path;
    entry.type = type;
    entry.mode = number(block, 100, 8, headerOffset) & 0o7777;
    entry.uid = number(block, 108, 8, headerOffset);
    entry.gid = number(block, 116, 8, headerOffset);
    entry.mtimeMs = number(block, 136, 12, headerOffset) * 1000;
    entry.linkTarget = linkTarget;
    if (type === "file") entry.data = data;
    if (type === "hardlink") {
      const target = cleanArchivePath(linkTarget);
      if (target === undefined || target === "") {
        throw new ArchiveError("ustar", headerOffset, `unsafe hard link target '${linkTarget}'`);
      }
      entry.linkTarget = target;
    }
    if (type === "chardev" || type === "blockdev") {
      entry.devMajor = number(block, 329, 8, headerOffset);
      entry.devMinor = number(block, 337, 8, headerOffset);
    }
    if (path === "" && type !== "directory") {
      throw new ArchiveError("ustar", headerOffset, "empty file name");
    }
    entries.push(entry);
  }
}
