/**
 * Segment register loads: real-mode and virtual-8086 loads (base = selector × 16) and
 * protected-mode loads through the GDT/LDT with the SDM's type, privilege and presence
 * checks, filling the hidden descriptor caches.
 */
import { Cr0, Eflags, SegReg, Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";

/** A decoded segment descriptor (reused: read it, do not keep it). */
export interface Descriptor {
  /** Low dword as stored. */
  low: number;
  /** High dword as stored. */
  high: number;
  /** Linear address the descriptor was read from. */
  address: number;
}

/** The one descriptor object the loaders reuse. */
const scratch: Descriptor = { low: 0, high: 0, address: 0 };

/** Base address encoded in a descriptor. */
export function descBase(d: Descriptor): number {
  return (d.low >>> 16) | ((d.high & 0xff) << 16) | (d.high & 0xff000000) | 0;
}

/** Byte-granular limit encoded in a descriptor. */
export function descLimit(d: Descriptor): number {
  const raw = (d.low & 0xffff) | (d.high & 0xf0000);
  return d.high & 0x800000 ? ((raw << 12) | 0xfff) >>> 0 : raw;
}

/** Hidden-cache attribute bits (bits 8..23 of the high dword). */
export function descAttr(d: Descriptor): number {
  return (d.high >>> 8) & 0xf0ff;
}

/** Descriptor privilege level. */
export function descDpl(d: Descriptor): number {
  return (d.high >>> 13) & 3;
}

/**
 * Reads the descriptor of `selector` from the GDT or LDT into a reused object; returns
 * null when the selector lies outside the table (the caller raises the right fault).
 */
export function readDescriptor(cpu: Cpu, selector: number): Descriptor | null {
  const index = selector & ~7;
  let base: number;
  let limit: number;
  if (selector & 4) {
    if ((cpu.ldtSel & ~3) === 0) return null;
    base = cpu.ldtBase;
    limit = cpu.ldtLimit;
  } else {
    base = cpu.gdtBase;
    limit = cpu.gdtLimit;
  }
  if (index + 7 > limit) return null;
  const address = (base + index) | 0;
  scratch.address = address;
  scratch.low = cpu.sysRead32(address);
  scratch.high = cpu.sysRead32((address + 4) | 0);
  return scratch;
}

/** Sets the accessed bit of a code/data descriptor in memory. */
export function markAccessed(cpu: Cpu, d: Descriptor): void {
  if ((d.high & 0x100) === 0) {
    d.high |= 0x100;
    cpu.sysWrite32((d.address + 4) | 0, d.high);
  }
}

/** Loads a segment register in real mode or virtual-8086 mode: base = selector × 16. */
export function setSegmentReal(cpu: Cpu, seg: number, selector: number): void {
  selector &= 0xffff;
  const vm = (cpu.flags & Eflags.VM) !== 0;
  if (vm) {
    // Virtual-8086 segments are 64 KiB, 16-bit, DPL 3.
    cpu.setSegmentCache(seg, selector, selector << 4, 0xffff, seg === SegReg.CS ? 0xfb : 0xf3);
    return;
  }
  // Real mode keeps the cached limit and size (unreal mode) and only changes the base;
  // a fresh CPU has 64 KiB read/write segments.
  const attr = cpu.segAttr[seg]! & 0x80 ? cpu.segAttr[seg]! : 0x93;
  const limit = cpu.segAttr[seg]! & 0x80 ? cpu.segLimit[seg]! : 0xffff;
  const realAttr = seg === SegReg.CS ? (attr & ~0x1f) | 0x9b : (attr & ~0x1f) | 0x93;
  cpu.setSegmentCache(seg, selector, selector << 4, limit, realAttr);
}

/** True in protected mode outside virtual-8086 mode. */
export function isProtected(cpu: Cpu): boolean {
  return (cpu.cr0 & Cr0.PE) !== 0 && (cpu.flags & Eflags.VM) === 0;
}

/**
 * `mov Sreg`, `pop Sreg`, `lds` & co: loads data segment register `seg` (DS ES FS GS SS)
 * with the protected-mode checks, or as in real mode.
 */
export function loadSegment(cpu: Cpu, seg: number, selector: number): void {
  selector &= 0xffff;
  if (!isProtected(cpu)) {
    setSegmentReal(cpu, seg, selector);
    return;
  }
  const rpl = selector & 3;
  const cpl = cpu.cpl;
  if (seg === SegReg.SS) {
    if ((selector & ~3) === 0) cpu.raise(Vector.GP, 0);
    const d = readDescriptor(cpu, selector);
    if (d === null) return cpu.raise(Vector.GP, selector & ~3);
    const type = (d.high >>> 8) & 0x1f;
    // Must be a writable data segment with RPL = DPL = CPL.
    if (rpl !== cpl || descDpl(d) !== cpl || (type & 0x1a) !== 0x12)
      cpu.raise(Vector.GP, selector & ~3);
    if ((d.high & 0x8000) === 0) cpu.raise(Vector.SS, selector & ~3);
    markAccessed(cpu, d);
    cpu.setSegmentCache(seg, selector, descBase(d), descLimit(d), descAttr(d));
    return;
  }
  if ((selector & ~3) === 0) {
    // A null selector loads fine; using the segment faults.
    cpu.setSegmentCache(seg, selector, 0, 0, 0);
    return;
  }
  const d = readDescriptor(cpu, selector);
  if (d === null) return cpu.raise(Vector.GP, selector & ~3);
  const type = (d.high >>> 8) & 0x1f;
  // S=1 and either data, or readable code.
  if ((type & 0x10) === 0 || (type & 0x0a) === 0x08) cpu.raise(Vector.GP, selector & ~3);
  const conformingCode = (type & 0x0c) === 0x0c;
  if (!conformingCode && (rpl > descDpl(d) || cpl > descDpl(d)))
    cpu.raise(Vector.GP, selector & ~3);
  if ((d.high & 0x8000) === 0) cpu.raise(Vector.NP, selector & ~3);
  markAccessed(cpu, d);
  cpu.setSegmentCache(seg, selector, descBase(d), descLimit(d), descAttr(d));
}

/**
 * After a return to an outer privilege level, data segment registers whose DPL is below
 * the new CPL are nulled (SDM: RET/IRET to outer level).
 */
export function invalidateOuterSegments(cpu: Cpu): void {
  for (const seg of [SegReg.ES, SegReg.DS, SegReg.FS, SegReg.GS]) {
    const attr = cpu.segAttr[seg]!;
    const dpl = (attr >>> 5) & 3;
    const conformingCode = (attr & 0x1c) === 0x1c;
    if ((attr & 0x80) !== 0 && (attr & 0x10) !== 0 && !conformingCode && dpl < cpu.cpl) {
      cpu.setSegmentCache(seg, 0, 0, 0, 0);
    }
  }
}
