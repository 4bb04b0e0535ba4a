/**
 * The devices every Linux system has: `/dev/null`, `/dev/zero`, `/dev/full`, `/dev/random`
 * and `/dev/urandom`, with Linux's device numbers.
 */

import type { CharDevice, DeviceRegistry } from "./devices.js";
import { ErrnoError } from "./errno.js";
import type { FileHandle } from "./filesystem.js";

/** Functions of a simple character device; absent `read` gives EOF, absent `write` `EINVAL`. */
export interface SimpleDeviceOps {
  /** Fills `buffer` (or part of it); returns the count. */
  read?(buffer: Uint8Array): number;
  /** Consumes `data`; returns the count. */
  write?(data: Uint8Array): number;
  /** Device control. */
  ioctl?(request: number, argument: number): number;
}

/**
 * A stateless character device from plain functions (positions are ignored).
 *
 * @example
 * ```ts
 * const console = simpleDevice({ write: (d) => { out(d); return d.length; } });
 * registry.register({ name: "console", major: 5, minor: 1, driver: console });
 * ```
 */
export function simpleDevice(ops: SimpleDeviceOps): CharDevice {
  const handle: FileHandle = {
    seekable: false,
    read: (buffer) => (ops.read ? ops.read(buffer) : 0),
    write: (data) => {
      if (!ops.write) throw new ErrnoError("EINVAL", "write");
      return ops.write(data);
    },
    close: () => {},
  };
  if (ops.ioctl) handle.ioctl = ops.ioctl;
  return { open: () => handle };
}

/** Options of `registerStandardDevices`. */
export interface StandardDeviceOptions {
  /** Fills a buffer with random bytes; default `crypto.getRandomValues` (seeded in tests). */
  random?: (buffer: Uint8Array) => void;
}

/** Largest chunk `crypto.getRandomValues` accepts at once. */
const RANDOM_CHUNK = 65536;

function cryptoRandom(buffer: Uint8Array): void {
  for (let at = 0; at < buffer.length; at += RANDOM_CHUNK) {
    globalThis.crypto.getRandomValues(buffer.subarray(at, at + RANDOM_CHUNK));
  }
}

/**
 * Registers null (1,3), zero (1,5), full (1,7), random (1,8) and urandom (1,9).
 *
 * @example
 * ```ts
 * registerStandardDevices(vfs.devices, { random: (b) => b.fill(4) });
 * ```
 */
export function registerStandardDevices(
  registry: DeviceRegistry,
  options: StandardDeviceOptions = {},
): void {
  const random = options.random ?? cryptoRandom;
  const randomDevice = simpleDevice({
    read: (buffer) => {
      random(buffer);
      return buffer.length;
    },
    write: (data) => data.length,
  });
  const zeros = (buffer: Uint8Array): number => {
    buffer.fill(0);
    return buffer.length;
  };
  registry.register({
    name: "null",
    major: 1,
    minor: 3,
    driver: simpleDevice({ write: (d) => d.length }),
  });
  registry.register({
    name: "zero",
    major: 1,
    minor: 5,
    driver: simpleDevice({ read: zeros, write: (d) => d.length }),
  });
  registry.register({
    name: "full",
    major: 1,
    minor: 7,
    driver: simpleDevice({
      read: zeros,
      write: () => {
        throw new ErrnoError("ENOSPC", "write", "/dev/full");
      },
    }),
  });
  registry.register({ name: "random", major: 1, minor: 8, driver: randomDevice });
  registry.register({ name: "urandom", major: 1, minor: 9, driver: randomDevice });
}
