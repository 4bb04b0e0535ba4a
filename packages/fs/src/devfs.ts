/**
 * devfs: a ramfs whose device nodes appear as drivers register in a `DeviceRegistry`.
 */

import { S_IFCHR, S_IFDIR, makeDev } from "./constants.js";
import type { DeviceRegistration, DeviceRegistry } from "./devices.js";
import { ErrnoError } from "./errno.js";
import { RamFs, type RamFsOptions } from "./ramfs.js";

/**
 * The `/dev` file system: holds a character device node for every registration in the
 * registry (past and future), in subdirectories for names such as `"pts/0"`. Other nodes,
 * directories and symlinks may be added like on any ramfs.
 *
 * @example
 * ```ts
 * vfs.mkdir("/dev");
 * vfs.mount("/dev", new DevFs(vfs.devices));
 * registerStandardDevices(vfs.devices);
 * vfs.readFile("/dev/null"); // Uint8Array(0)
 * ```
 */
export class DevFs extends RamFs {
  constructor(registry: DeviceRegistry, options: Omit<RamFsOptions, "type"> = {}) {
    super({ ...options, type: "devfs" });
    registry.subscribe((r) => this.addNode(r));
  }

  private addNode(registration: DeviceRegistration): void {
    const parts = registration.name.split("/").filter((p) => p !== "");
    const leaf = parts.pop();
    if (leaf === undefined) throw new ErrnoError("EINVAL", "register", registration.name);
    let dir = this.rootIno;
    for (const part of parts) {
      dir =
        this.lookup(dir, part) ?? this.create(dir, part, { mode: S_IFDIR | 0o755, uid: 0, gid: 0 });
    }
    try {
      this.unlink(dir, leaf);
    } catch {
      // No earlier node of that name: nothing to replace.
    }
    this.create(dir, leaf, {
      mode: S_IFCHR | ((registration.mode ?? 0o666) & 0o7777),
      uid: 0,
      gid: 0,
      rdev: makeDev(registration.major, registration.minor),
    });
  }
}
