/**
 * `@native-kit/fs`: A VFS that behaves like Linux: ramfs, devfs, procfs, hostfs and initrd
 * images. Hardware-free: usable on its own in Node and browsers. The host directory backend
 * is in `@native-kit/fs/node`, the backend conformance suite in `@native-kit/fs/testing`.
 *
 * @packageDocumentation
 */

// errno.ts
export { Errno, ErrnoError, errnoError, isErrnoName } from "./errno.js";
export type { ErrnoName } from "./errno.js";

// constants.ts
export * from "./constants.js";

// stats.ts
export { systemClock } from "./stats.js";
export type { Clock, SetAttr, Stats } from "./stats.js";

// credentials.ts
export { ROOT, inGroup, ownsOrRoot, permits } from "./credentials.js";
export type { Credentials } from "./credentials.js";

// filesystem.ts
export type { CreateAttr, DirEntry, FileHandle, FileSystem, FsStatistics } from "./filesystem.js";

// file-data.ts
export { CHUNK_SIZE, FileData, PAGE_SIZE } from "./file-data.js";

// ramfs.ts
export { RamFs } from "./ramfs.js";
export type { RamFsOptions } from "./ramfs.js";

// devices.ts
export { DeviceRegistry } from "./devices.js";
export type { CharDevice, DeviceListener, DeviceRegistration } from "./devices.js";

// standard-devices.ts
export { registerStandardDevices, simpleDevice } from "./standard-devices.js";
export type { SimpleDeviceOps, StandardDeviceOptions } from "./standard-devices.js";

// devfs.ts
export { DevFs } from "./devfs.js";

// procfs.ts
export { ProcFs } from "./procfs.js";
export type { ProcProvider, ProcessInfo } from "./procfs.js";

// mount-table.ts
export { Mount, MountTable, sameLocation } from "./mount-table.js";
export type { Location } from "./mount-table.js";

// walk.ts
export type { LastKind, LinkBudget, ParentWalk, VfsContext } from "./walk.js";

// open-file.ts
export { OpenFile } from "./open-file.js";
export type { Dirent64 } from "./open-file.js";

// vfs.ts
export { Vfs } from "./vfs.js";
export type { VfsOptions } from "./vfs.js";

// archive-entry.ts
export { ArchiveError } from "./archive-entry.js";
export type { ArchiveEntry, ArchiveEntryType } from "./archive-entry.js";

// tar-reader.ts
export { parseTar } from "./tar-reader.js";

// cpio-reader.ts
export { parseCpio } from "./cpio-reader.js";

// tar-writer.ts
export { exportTar } from "./tar-writer.js";

// initrd.ts
export { detectFormat, extractEntries, loadArchive } from "./initrd.js";
export type { ArchiveFormat, LoadOptions, LoadResult } from "./initrd.js";

// file-manager.ts
export { FileManager, FileSystemService, ProcFsService } from "./file-manager.js";
export type { FileManagerOptions } from "./file-manager.js";
