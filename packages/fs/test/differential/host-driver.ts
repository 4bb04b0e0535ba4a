/**
 * The differential test's reference: the host's real file system through `node:fs`, with
 * every path taken relative to a base directory (by string concatenation, so `..` and
 * trailing slashes reach the kernel unchanged).
 */

import * as fs from "node:fs";
import type { FsDriver, StatSummary } from "./ops.js";

function summary(st: fs.Stats): StatSummary {
  const type = st.mode & 0o170000;
  return {
    type,
    perm: st.mode & 0o7777,
    // Directory sizes are file-system specific (ext4 blocks, tmpfs entries): not compared.
    size: type === 0o040000 ? null : st.size,
    nlink: st.nlink,
    uid: st.uid,
    gid: st.gid,
  };
}

/** A driver running on the host under `base`. */
export function hostDriver(base: string): FsDriver {
  const at = (p: string): string => `${base}/${p}`;
  return {
    mkdir: (p, mode) => fs.mkdirSync(at(p), { mode }),
    rmdir: (p) => fs.rmdirSync(at(p)),
    unlink: (p) => fs.unlinkSync(at(p)),
    openWrite(p, flags, data) {
      const fd = fs.openSync(at(p), flags, 0o644);
      try {
        return (flags & 3) === 0 ? 0 : fs.writeSync(fd, data);
      } finally {
        fs.closeSync(fd);
      }
    },
    pwrite(p, offset, data) {
      const fd = fs.openSync(at(p), fs.constants.O_RDWR);
      try {
        return fs.writeSync(fd, data, 0, data.length, offset);
      } finally {
        fs.closeSync(fd);
      }
    },
    readFile: (p) => new Uint8Array(fs.readFileSync(at(p))),
    rename: (a, b) => fs.renameSync(at(a), at(b)),
    symlink: (t, p) => fs.symlinkSync(t, at(p)),
    readlink: (p) => fs.readlinkSync(at(p), "utf8"),
    link: (a, b) => fs.linkSync(at(a), at(b)),
    stat: (p) => summary(fs.statSync(at(p))),
    lstat: (p) => summary(fs.lstatSync(at(p))),
    truncate(p, length) {
      // Node's truncateSync opens read-write; truncate(2) needs write permission only.
      if (length < 0) throw Object.assign(new Error("EINVAL"), { code: "EINVAL" });
      const fd = fs.openSync(at(p), fs.constants.O_WRONLY);
      try {
        fs.ftruncateSync(fd, length);
      } finally {
        fs.closeSync(fd);
      }
    },
    readdir: (p) => fs.readdirSync(at(p)),
    chmod: (p, mode) => fs.chmodSync(at(p), mode),
    access: (p, mode) => fs.accessSync(at(p), mode),
    chown: (p, uid, gid) => fs.chownSync(at(p), uid, gid),
    fdOpen: (p, flags) => fs.openSync(at(p), flags, 0o644),
    fdWrite: (fd, data) => fs.writeSync(fd as number, data),
    fdRead(fd, length) {
      const buffer = new Uint8Array(length);
      const n = fs.readSync(fd as number, buffer, 0, length, null);
      return buffer.subarray(0, n);
    },
    fdTruncate(fd, length) {
      if (length < 0) throw Object.assign(new Error("EINVAL"), { code: "EINVAL" });
      fs.ftruncateSync(fd as number, length);
    },
    fdStat: (fd) => summary(fs.fstatSync(fd as number)),
    fdClose: (fd) => fs.closeSync(fd as number),
    utimes(p, seconds) {
      fs.utimesSync(at(p), seconds, seconds);
      return Math.floor(fs.statSync(at(p)).mtimeMs / 1000);
    },
  };
}
