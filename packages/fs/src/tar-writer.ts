/**
 * Writes a directory tree of a `Vfs` as a ustar archive (GNU `L`/`K` members for names
 * longer than ustar allows), the exporter matching `parseTar`.
 */

import { S_IFMT, devMajor, devMinor } from "./constants.js";
import type { Vfs } from "./vfs.js";

const BLOCK = 512;
const encoder = new TextEncoder();

function octal(block: Uint8Array, at: number, length: number, value: number): void {
  const digits = value.toString(8);
  if (digits.length <= length - 1) {
    block.set(encoder.encode(digits.padStart(length - 1, "0")), at);
    return;
  }
  // GNU base-256 for values that do not fit in octal (files of 8 GiB and more).
  block[at] = 0x80;
  let v = value;
  for (let i = length - 1; i > 0; i--) {
    block[at + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

function put(block: Uint8Array, at: number, length: number, s: string): void {
  block.set(encoder.encode(s).subarray(0, length), at);
}

interface Header {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  flag: string;
  link: string;
  major: number;
  minor: number;
}

function header(h: Header, prefix = ""): Uint8Array {
  const block = new Uint8Array(BLOCK);
  put(block, 0, 100, h.name);
  octal(block, 100, 8, h.mode);
  octal(block, 108, 8, h.uid);
  octal(block, 116, 8, h.gid);
  octal(block, 124, 12, h.size);
  octal(block, 136, 12, h.mtime);
  block[156] = h.flag.charCodeAt(0);
  put(block, 157, 100, h.link);
  put(block, 257, 6, "ustar");
  put(block, 263, 2, "00");
  octal(block, 329, 8, h.major);
  octal(block, 337, 8, h.minor);
  put(block, 345, 155, prefix);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.set(encoder.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
  return block;
}

/** Splits a long name into ustar's prefix (≤155 bytes) and name (≤100), if possible. */
function splitName(name: string): [string, string] | undefined {
  const bytes = encoder.encode(name);
  if (bytes.length <= 100) return ["", name];
  for (let i = name.lastIndexOf("/"); i > 0; i = name.lastIndexOf("/", i - 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(rest).length <= 100 && rest) {
      return [prefix, rest];
    }
  }
  return undefined;
}

function longMember(flag: "L" | "K", value: string, out: Uint8Array[]): void {
  const data = encoder.encode(`${value}\0`);
  const base = { mode: 0, uid: 0, gid: 0, mtime: 0, link: "", major: 0, minor: 0 };
  out.push(header({ ...base, name: "././@LongLink", size: data.length, flag }));
  pushData(data, out);
}

function pushData(data: Uint8Array, out: Uint8Array[]): void {
  out.push(data);
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  if (pad > 0) out.push(new Uint8Array(pad));
}

const FLAGS: Record<number, string> = {
  0o100000: "0",
  0o120000: "2",
  0o020000: "3",
  0o060000: "4",
  0o040000: "5",
  0o010000: "6",
};

/**
 * Archives everything below `dir` (not `dir` itself) as ustar bytes: files, directories,
 * symlinks, hard links (as type `1`), device nodes and FIFOs, with modes, owners and mtimes.
 *
 * @example
 * ```ts
 * const bytes = exportTar(vfs, "/etc");
 * loadArchive(other, "/etc", bytes); // the same tree
 * ```
 */
export function exportTar(vfs: Vfs, dir: string): Uint8Array {
  const out: Uint8Array[] = [];
  const seen = new Map<string, string>();
  const base = dir.endsWith("/") ? dir : `${dir}/`;
  const walk = (rel: string): void => {
    for (const name of vfs.readdir(base + rel).sort()) {
      const path = rel + name;
      const st = vfs.lstat(base + path);
      const type = st.mode & S_IFMT;
      const isDir = type === 0o040000;
      const name100 = isDir ? `${path}/` : path;
      let flag = FLAGS[type] ?? "0";
      let link = "";
      let size = 0;
      let data: Uint8Array | undefined;
      const key = `${st.dev}:${st.ino}`;
      const first = !isDir && st.nlink > 1 ? seen.get(key) : undefined;
      if (first !== undefined) {
        flag = "1";
        link = first;
      } else if (type === 0o100000) {
        data = vfs.readFile(base + path);
        size = data.length;
        if (st.nlink > 1) seen.set(key, path);
      } else if (type === 0o120000) {
        link = vfs.readlink(base + path);
      }
      const split = splitName(name100);
      if (!split) longMember("L", name100, out);
      if (encoder.encode(link).length > 100) longMember("K", link, out);
      const [prefix, short] = split ?? ["", name100.slice(0, 100)];
      const isDev = type === 0o020000 || type === 0o060000;
      out.push(
        header(
          {
            name: short,
            mode: st.mode & 0o7777,
            uid: st.uid,
            gid: st.gid,
            size,
            mtime: Math.floor(st.mtimeMs / 1000),
            flag,
            link,
            major: isDev ? devMajor(st.rdev) : 0,
            minor: isDev ? devMinor(st.rdev) : 0,
          },
          prefix,
        ),
      );
      if (data) pushData(data, out);
      if (isDir) walk(`${path}/`);
    }
  };
  walk("");
  out.push(new Uint8Array(BLOCK * 2));
  let total = 0;
  for (const part of out) total += part.length;
  const archive = new Uint8Array(total);
  let at = 0;
  for (const part of out) {
    archive.set(part, at);
    at += part.length;
  }
  return archive;
}
