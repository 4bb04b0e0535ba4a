/**
 * Character devices: the driver interface and the registry that maps device numbers to
 * drivers, so a device node on any file system (devfs, ramfs, an initrd) opens its driver.
 */

import { devMajor, devMinor, makeDev } from "./constants.js";
import { ErrnoError } from "./errno.js";
import type { FileHandle } from "./filesystem.js";

/**
 * A character device driver. `open` returns the handle reads, writes and ioctls go to; a
 * driver with no per-open state may return the same handle each time.
 *
 * @example
 * ```ts
 * const nullDevice: CharDevice = {
 *   open: () => ({ seekable: false, read: () => 0, write: (d) => d.length, close() {} }),
 * };
 * ```
 */
export interface CharDevice {
  /** Opens the device with the `open` flags. */
  open(flags: number): FileHandle;
}

/** A registered device: its node name in devfs, number, permission bits and driver. */
export interface DeviceRegistration {
  /** Path below `/dev`, such as `"null"` or `"tty1"`. */
  name: string;
  /** Major device number. */
  major: number;
  /** Minor device number. */
  minor: number;
  /** Permission bits of the node; default 0o666. */
  mode?: number;
  /** The driver. */
  driver: CharDevice;
}

/** Called when a device is registered (devfs listens to create its node). */
export type DeviceListener = (registration: DeviceRegistration) => void;

/**
 * Drivers by device number. Other packages register their drivers (the console, ttys) here.
 *
 * @example
 * ```ts
 * vfs.devices.register({ name: "ttyS0", major: 4, minor: 64, driver: serialDriver });
 * ```
 */
export class DeviceRegistry {
  private readonly drivers = new Map<number, DeviceRegistration>();
  private readonly listeners: DeviceListener[] = [];

  /** Registers a driver; `EEXIST` if its number is taken. */
  register(registration: DeviceRegistration): void {
    const dev = makeDev(registration.major, registration.minor);
    if (this.drivers.has(dev)) throw new ErrnoError("EEXIST", "register", registration.name);
    this.drivers.set(dev, registration);
    for (const listener of this.listeners) listener(registration);
  }

  /** Removes the driver of a device number (nodes stay; opening them gives `ENXIO`). */
  unregister(major: number, minor: number): void {
    this.drivers.delete(makeDev(major, minor));
  }

  /** The registration for a packed device number, if any. */
  get(rdev: number): DeviceRegistration | undefined {
    return this.drivers.get(rdev);
  }

  /** Every registration, in number order. */
  list(): DeviceRegistration[] {
    return [...this.drivers.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  }

  /** Calls `listener` for each existing and future registration. */
  subscribe(listener: DeviceListener): void {
    for (const registration of this.drivers.values()) listener(registration);
    this.listeners.push(listener);
  }

  /** Opens the driver of `rdev`; `ENXIO` when no driver is registered (as Linux). */
  open(rdev: number, flags: number): FileHandle {
    const registration = this.drivers.get(rdev);
    if (!registration) {
      throw new ErrnoError("ENXIO", "open", `char ${devMajor(rdev)}:${devMinor(rdev)}`);
    }
    return registration.driver.open(flags);
  }
}
