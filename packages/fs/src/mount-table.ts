/**
 * The mount table: which file system covers which directory, and the `Location` type that
 * names an inode across mounts.
 */

import { ErrnoError } from "./errno.js";
import type { FileSystem } from "./filesystem.js";

/**
 * One mounted file system. `parent` and `mountpoint` say where it is attached (null for the
 * root mount).
 */
export class Mount {
  /** Open files on this mount; `umount` refuses with `EBUSY` while any remain. */
  opens = 0;

  constructor(
    /** The mount id, also reported as `st_dev`. */
    readonly id: number,
    /** The backend. */
    readonly fs: FileSystem,
    /** The mount it is attached in, or null for the root mount. */
    readonly parent: Mount | null,
    /** The inode (in `parent`) it covers. */
    readonly mountpoint: number,
    /** A label for `/proc/mounts`, such as `"none"` or the host directory. */
    readonly source: string,
  ) {}

  /** The root of this mount as a location. */
  get root(): Location {
    return { mount: this, ino: this.fs.rootIno };
  }
}

/** An inode in the VFS: a mount and an inode number within its file system. */
export interface Location {
  /** The mount holding the inode. */
  readonly mount: Mount;
  /** The inode number in `mount.fs`. */
  readonly ino: number;
}

/** Whether two locations name the same inode of the same mount. */
export function sameLocation(a: Location, b: Location): boolean {
  return a.mount === b.mount && a.ino === b.ino;
}

/**
 * All mounts of one VFS, with the lookup from a covered directory to the mount on top of it.
 *
 * @example
 * ```ts
 * const table = new MountTable(new RamFs());
 * table.mount(table.rootMount.root, new RamFs(), "tmpfs");
 * ```
 */
export class MountTable {
  /** The mount at `/`. */
  readonly rootMount: Mount;
  private readonly covering = new Map<string, Mount>();
  private readonly all: Mount[] = [];
  private nextId = 1;

  constructor(root: FileSystem, source = "none") {
    this.rootMount = new Mount(this.nextId++, root, null, 0, source);
    this.all.push(this.rootMount);
  }

  /** Every mount, in mount order. */
  get mounts(): readonly Mount[] {
    return this.all;
  }

  /** Attaches `fs` on top of the directory at `where` (stacking over earlier mounts there). */
  mount(where: Location, fs: FileSystem, source = "none"): Mount {
    const top = this.topAt(where);
    const mount = new Mount(this.nextId++, fs, top.mount, top.ino, source);
    this.covering.set(key(top), mount);
    this.all.push(mount);
    return mount;
  }

  /** Detaches a mount; `EBUSY` while it has open files or mounts on top of it. */
  umount(mount: Mount): void {
    if (mount.parent === null) throw new ErrnoError("EBUSY", "umount", "/");
    if (mount.opens > 0) throw new ErrnoError("EBUSY", "umount");
    if (this.all.some((m) => m.parent === mount)) throw new ErrnoError("EBUSY", "umount");
    this.covering.delete(key({ mount: mount.parent, ino: mount.mountpoint }));
    this.all.splice(this.all.indexOf(mount), 1);
  }

  /** The mount directly on top of `loc`, if any. */
  coveredBy(loc: Location): Mount | undefined {
    return this.covering.get(key(loc));
  }

  /** Follows mounts down: the root of the topmost mount stacked on `loc`, or `loc` itself. */
  topAt(loc: Location): Location {
    let at = loc;
    for (let m = this.coveredBy(at); m; m = this.coveredBy(at)) at = m.root;
    return at;
  }
}

function key(loc: Location): string {
  return `${loc.mount.id}:${loc.ino}`;
}
