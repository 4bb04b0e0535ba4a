/**
 * The differential test's subject: a `Vfs` on a ramfs, with the same working directory path
 * as the host side.
 */

import { O_RDWR } from "../../src/constants.js";
import type { OpenFile } from "../../src/open-file.js";
import type { Stats } from "../../src/stats.js";
import type { Vfs } from "../../src/vfs.js";
import type { FsDriver, StatSummary } from "./ops.js";

function summary(st: Stats): StatSummary {
  const type = st.mode & 0o170000;
  return {
    type,
    perm: st.mode & 0o7777,
    size: type === 0o040000 ? null : st.size,
    nlink: st.nlink,
    uid: st.uid,
    gid: st.gid,
  };
}

/** A driver running on `vfs` (whose cwd is the test directory). */
export function vfsDriver(vfs: Vfs): FsDriver {
  return {
    mkdir: (p, mode) => vfs.mkdir(p, mode),
    rmdir: (p) => vfs.rmdir(p),
    unlink: (p) => vfs.unlink(p),
    openWrite(p, flags, data) {
      const f = vfs.open(p, flags, 0o644);
      try {
        return (flags & 3) === 0 ? 0 : f.write(data);
      } finally {
        f.close();
      }
    },
    pwrite(p, offset, data) {
      const f = vfs.open(p, O_RDWR);
      try {
        return f.pwrite(data, offset);
      } finally {
        f.close();
      }
    },
    readFile: (p) => vfs.readFile(p),
    rename: (a, b) => vfs.rename(a, b),
    symlink: (t, p) => vfs.symlink(t, p),
    readlink: (p) => vfs.readlink(p),
    link: (a, b) => vfs.link(a, b),
    stat: (p) => summary(vfs.stat(p)),
    lstat: (p) => summary(vfs.lstat(p)),
    truncate: (p, length) => vfs.truncate(p, length),
    readdir: (p) => vfs.readdir(p),
    chmod: (p, mode) => vfs.chmod(p, mode),
    access: (p, mode) => vfs.access(p, mode),
    chown: (p, uid, gid) => vfs.chown(p, uid, gid),
    fdOpen: (p, flags) => vfs.open(p, flags, 0o644),
    fdWrite: (f, data) => (f as OpenFile).write(data),
    fdRead(f, length) {
      const buffer = new Uint8Array(length);
      return buffer.subarray(0, (f as OpenFile).read(buffer));
    },
    fdTruncate: (f, length) => (f as OpenFile).truncate(length),
    fdStat: (f) => summary((f as OpenFile).stat()),
    fdClose: (f) => (f as OpenFile).close(),
    utimes(p, seconds) {
      vfs.utimes(p, seconds * 1000, seconds * 1000);
      return Math.floor(vfs.stat(p).mtimeMs / 1000);
    },
  };
}
