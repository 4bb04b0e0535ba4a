/**
 * `FileManager`: the file system as a `System` component — a `Vfs` with devfs on `/dev`,
 * procfs on `/proc`, an optional initrd, provided to other components as a service.
 */

import { ServiceKey, type Component, type ComponentContext } from "@native-kit/system";
import { DevFs } from "./devfs.js";
import { ErrnoError } from "./errno.js";
import type { FileSystem } from "./filesystem.js";
import { loadArchive } from "./initrd.js";
import { ProcFs } from "./procfs.js";
import { registerStandardDevices, type StandardDeviceOptions } from "./standard-devices.js";
import type { Clock } from "./stats.js";
import { Vfs } from "./vfs.js";

/**
 * The service key under which `FileManager` provides its `Vfs`. Other components (process
 * manager, system calls, drivers that register devices) declare it in `needs`.
 *
 * @example
 * ```ts
 * const vfs = ctx.get(FileSystemService);
 * vfs.devices.register({ name: "console", major: 5, minor: 1, driver });
 * ```
 */
export const FileSystemService = new ServiceKey<Vfs>("fs.vfs");

/** The procfs of a `FileManager`, for components that register `/proc` providers. */
export const ProcFsService = new ServiceKey<ProcFs>("fs.procfs");

/** Options of a `FileManager`. */
export interface FileManagerOptions {
  /** The root file system; default a fresh `RamFs`. */
  root?: FileSystem;
  /** An initrd (ustar or newc cpio) unpacked into `/` at init. */
  initrd?: Uint8Array;
  /** Further mounts, made after `/dev` and `/proc` (directories are created). */
  mounts?: { path: string; fs: FileSystem; source?: string }[];
  /** Options of the standard devices (the random source). */
  devices?: StandardDeviceOptions;
  /** Clock for timestamps of procfs and `utimes(now)`. */
  clock?: Clock;
  /**
   * The current directory after init, e.g. the host's cwd when the root is a `HostFs` of
   * `/` (how `native-kit run` shows a guest the host's files, as `qemu-i386` does).
   */
  cwd?: string;
}

/**
 * The file manager component: builds the file tree at `init` and provides it.
 *
 * @example
 * ```ts
 * class MyKernel extends System {
 *   constructor(machine: Machine) {
 *     super(machine);
 *     this.install(new FileManager({ initrd })); // / from the initrd, /dev, /proc
 *   }
 * }
 * ```
 */
export class FileManager implements Component {
  readonly name = "file-manager";
  readonly provides = [FileSystemService, ProcFsService];
  /** The VFS (usable before boot, e.g. to pre-populate files). */
  readonly vfs: Vfs;
  /** The procfs mounted on `/proc`. */
  readonly proc: ProcFs;

  constructor(private readonly options: FileManagerOptions = {}) {
    const vfsOptions = {
      ...(options.root ? { root: options.root } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    };
    this.vfs = new Vfs(vfsOptions);
    this.proc = new ProcFs(options.clock ? { clock: options.clock } : {});
  }

  init(ctx: ComponentContext<unknown>): void {
    const vfs = this.vfs;
    if (this.options.initrd) {
      const { format, entries } = loadArchive(vfs, "/", this.options.initrd);
      ctx.log.info(`initrd: ${entries} entries (${format})`);
    }
    this.mountOn("/dev", new DevFs(vfs.devices), "devfs");
    registerStandardDevices(vfs.devices, this.options.devices);
    this.mountOn("/proc", this.proc, "proc");
    this.proc.register("mounts", () =>
      vfs.table.mounts
        .map(
          (m) =>
            `${m.source} ${vfs.pathOf(m.root)} ${m.fs.type} ${m.fs.readOnly ? "ro" : "rw"} 0 0\n`,
        )
        .join(""),
    );
    for (const m of this.options.mounts ?? []) this.mountOn(m.path, m.fs, m.source ?? "none");
    if (this.options.cwd !== undefined) vfs.chdir(this.options.cwd);
    ctx.provide(FileSystemService, vfs);
    ctx.provide(ProcFsService, this.proc);
    ctx.log.info(`mounted ${vfs.table.mounts.map((m) => m.fs.type).join(", ")}`);
  }

  private mountOn(path: string, fs: FileSystem, source: string): void {
    try {
      this.vfs.mkdirp(path);
    } catch (e) {
      if (!(e instanceof ErrnoError)) throw e;
      throw new ErrnoError(e.code, "mount", path);
    }
    this.vfs.mount(path, fs, source);
  }
}
