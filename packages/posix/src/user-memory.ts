/**
 * Reaching the caller's memory from a system call: through the current page tables with
 * ring-3 permission checks for `int 0x80` from user code, or a host buffer for calls made
 * by kernel code (`printf`). Separate from the call bodies, as xv6 keeps `argaddr` apart.
 */
import { CR0_PG, translate, type X86Machine } from "@native-kit/arch-x86";
import { Errno, ErrnoError } from "./errno.js";

/** The caller's memory as a system call sees it. */
export interface UserMemory {
  /**
   * Copies `length` bytes at `address` out of the caller's memory.
   *
   * @throws {@link ErrnoError} `EFAULT` when any byte is not accessible to the caller.
   */
  read(address: number, length: number): Uint8Array;
}

/**
 * User memory behind the CPU's current CR3, checked as ring 3 would be: every page must be
 * present and user-accessible. Without paging, addresses are physical and only bounded by RAM.
 */
export class PagedUserMemory implements UserMemory {
  /** Reads through `machine`'s CPU and memory. */
  constructor(private readonly machine: X86Machine) {}

  read(address: number, length: number): Uint8Array {
    const { cpu, memory } = this.machine;
    if (!Number.isInteger(length) || length < 0 || address < 0 || address + length > 0x100000000) {
      throw fault(address);
    }
    // Check every page before allocating, so a huge bogus length is an EFAULT, not a
    // multi-gigabyte host allocation.
    const chunks: [physical: number, size: number][] = [];
    for (let done = 0; done < length;) {
      const linear = (address + done) >>> 0;
      const size = Math.min(length - done, 4096 - (linear & 0xfff));
      let physical = linear;
      if ((cpu.cr0 & CR0_PG) !== 0) {
        const t = translate(memory, cpu.cr3, linear);
        if (!t || !t.user) throw fault(linear);
        physical = t.physical;
      }
      if (physical + size > memory.size) throw fault(linear);
      chunks.push([physical, size]);
      done += size;
    }
    const out = new Uint8Array(length);
    let at = 0;
    for (const [physical, size] of chunks) {
      out.set(memory.u8.subarray(physical, physical + size), at);
      at += size;
    }
    return out;
  }
}

/** Kernel-side callers pass host bytes; "addresses" are offsets into them. */
export class KernelBuffer implements UserMemory {
  /** Wraps `bytes`. */
  constructor(private readonly bytes: Uint8Array) {}

  read(address: number, length: number): Uint8Array {
    if (address < 0 || address + length > this.bytes.length) throw fault(address);
    return this.bytes.slice(address, address + length);
  }
}

function fault(address: number): ErrnoError {
  return new ErrnoError(Errno.EFAULT, `bad address 0x${(address >>> 0).toString(16)}`);
}
