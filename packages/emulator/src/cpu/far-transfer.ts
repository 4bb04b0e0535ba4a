/**
 * Far `jmp`, `call` and `ret` in real, virtual-8086 and protected mode, including call
 * gates (same privilege, and calls to an inner privilege level with the TSS stack switch
 * and parameter copy) and returns to an outer privilege level. Jumps and calls to TSS
 * descriptors or task gates raise `#GP(selector)`: hardware task switching is not
 * implemented.
 */
import { SegReg, Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { readTssStack } from "./interrupts.js";
import {
  descAttr,
  descBase,
  descDpl,
  descLimit,
  invalidateOuterSegments,
  isProtected,
  markAccessed,
  readDescriptor,
  setSegmentReal,
} from "./segments.js";

interface CodeTarget {
  base: number;
  limit: number;
  attr: number;
  dpl: number;
  conforming: boolean;
}
const target: CodeTarget = { base: 0, limit: 0, attr: 0, dpl: 0, conforming: false };

/** Reads and checks a code segment descriptor for a transfer; fills {@link target}. */
function codeDescriptor(cpu: Cpu, sel: number): CodeTarget {
  if ((sel & ~3) === 0) cpu.raise(Vector.GP, 0);
  const d = readDescriptor(cpu, sel);
  if (d === null) return cpu.raise(Vector.GP, sel & ~3);
  const type = (d.high >>> 8) & 0x1f;
  if ((type & 0x18) !== 0x18) cpu.raise(Vector.GP, sel & ~3);
  if ((d.high & 0x8000) === 0) cpu.raise(Vector.NP, sel & ~3);
  markAccessed(cpu, d);
  target.base = descBase(d);
  target.limit = descLimit(d);
  target.attr = descAttr(d);
  target.dpl = descDpl(d);
  target.conforming = (type & 4) !== 0;
  return target;
}

function loadCs(cpu: Cpu, sel: number, t: CodeTarget, cpl: number, offset: number): void {
  if (offset >>> 0 > t.limit) cpu.raise(Vector.GP, 0);
  cpu.cpl = cpl;
  cpu.setSegmentCache(SegReg.CS, (sel & ~3) | cpl, t.base, t.limit, t.attr);
  cpu.updateCplMasks();
  cpu.eip = offset;
}

/** Checks the privilege rules of a direct transfer to code segment `t` (jmp/call). */
function checkDirect(cpu: Cpu, sel: number, t: CodeTarget): void {
  const rpl = sel & 3;
  if (t.conforming ? t.dpl > cpu.cpl : rpl > cpu.cpl || t.dpl !== cpu.cpl)
    cpu.raise(Vector.GP, sel & ~3);
}

/** Decoded call gate (reused). */
const gate = { selector: 0, offset: 0, params: 0, is32: false };

/** Returns the system descriptor type of `sel` after the call-gate checks, or a code type. */
function readGate(cpu: Cpu, sel: number): boolean {
  const d = readDescriptor(cpu, sel);
  if (d === null) return cpu.raise(Vector.GP, sel & ~3);
  const type = (d.high >>> 8) & 0x1f;
  if (type & 0x10) return false;
  if (type !== 0x04 && type !== 0x0c) cpu.raise(Vector.GP, sel & ~3); // TSS / task gate: no task switching
  const dpl = descDpl(d);
  if (dpl < cpu.cpl || dpl < (sel & 3)) cpu.raise(Vector.GP, sel & ~3);
  if ((d.high & 0x8000) === 0) cpu.raise(Vector.NP, sel & ~3);
  gate.selector = d.low >>> 16;
  gate.is32 = type === 0x0c;
  gate.offset = gate.is32 ? (d.low & 0xffff) | (d.high & 0xffff0000) : d.low & 0xffff;
  gate.params = d.high & 0x1f;
  return true;
}

/** `jmp far sel:offset`. */
export function farJump(cpu: Cpu, sel: number, offset: number): void {
  if (!isProtected(cpu)) {
    setSegmentReal(cpu, SegReg.CS, sel);
    cpu.eip = offset;
    return;
  }
  if ((sel & ~3) === 0) cpu.raise(Vector.GP, 0);
  if (readGate(cpu, sel)) {
    const t = codeDescriptor(cpu, gate.selector);
    if (t.conforming ? t.dpl > cpu.cpl : t.dpl !== cpu.cpl)
      cpu.raise(Vector.GP, gate.selector & ~3);
    loadCs(cpu, gate.selector, t, cpu.cpl, gate.offset);
    return;
  }
  const t = codeDescriptor(cpu, sel);
  checkDirect(cpu, sel, t);
  loadCs(cpu, sel, t, cpu.cpl, offset);
}

/** `call far sel:offset`. */
export function farCall(cpu: Cpu, sel: number, offset: number): void {
  const retCs = cpu.segSel[SegReg.CS]!;
  const retEip = cpu.eip;
  const sp = cpu.regs[4]!;
  if (!isProtected(cpu)) {
    cpu.pushV(retCs);
    cpu.pushV(retEip);
    setSegmentReal(cpu, SegReg.CS, sel);
    cpu.eip = offset;
    return;
  }
  if ((sel & ~3) === 0) cpu.raise(Vector.GP, 0);
  if (!readGate(cpu, sel)) {
    const t = codeDescriptor(cpu, sel);
    checkDirect(cpu, sel, t);
    if (offset >>> 0 > t.limit) cpu.raise(Vector.GP, 0);
    try {
      cpu.pushV(retCs);
      cpu.pushV(retEip);
    } catch (e) {
      cpu.regs[4] = sp;
      throw e;
    }
    loadCs(cpu, sel, t, cpu.cpl, offset);
    return;
  }
  const t = codeDescriptor(cpu, gate.selector);
  if (t.dpl > cpu.cpl) cpu.raise(Vector.GP, gate.selector & ~3);
  if (!t.conforming && t.dpl < cpu.cpl) {
    callInner(cpu, t, retCs, retEip);
    return;
  }
  try {
    pushGate(cpu, retCs);
    pushGate(cpu, retEip);
  } catch (e) {
    cpu.regs[4] = sp;
    throw e;
  }
  loadCs(cpu, gate.selector, t, cpu.cpl, gate.offset);
}

function callInner(cpu: Cpu, t: CodeTarget, retCs: number, retEip: number): void {
  const dpl = t.dpl;
  const codeBase = t.base;
  const codeLimit = t.limit;
  const codeAttr = t.attr;
  const { ss, esp } = readTssStack(cpu, dpl, 0);
  if ((ss & ~3) === 0) cpu.raise(Vector.TS, 0);
  const sd = readDescriptor(cpu, ss);
  if (sd === null) return cpu.raise(Vector.TS, ss & ~3);
  const st = (sd.high >>> 8) & 0x1f;
  if ((ss & 3) !== dpl || descDpl(sd) !== dpl || (st & 0x1a) !== 0x12)
    cpu.raise(Vector.TS, ss & ~3);
  if ((sd.high & 0x8000) === 0) cpu.raise(Vector.SS, ss & ~3);
  // Copy the parameters from the caller's stack before switching.
  const oldSs = cpu.segSel[SegReg.SS]!;
  const oldEsp = cpu.regs[4]!;
  const oldSp = cpu.getSp();
  const psize = gate.is32 ? 4 : 2;
  const params = paramScratch;
  let paramCount = 0;
  for (let i = gate.params - 1; i >= 0; i--) {
    const off = cpu.stack32 ? (oldSp + i * psize) | 0 : (oldSp + i * psize) & 0xffff;
    params[paramCount++] = psize === 4 ? cpu.read32(SegReg.SS, off) : cpu.read16(SegReg.SS, off);
  }
  const savedCpl = cpu.cpl;
  const savedBase = cpu.segBase[SegReg.SS]!;
  const savedLimit = cpu.segLimit[SegReg.SS]!;
  const savedAttr = cpu.segAttr[SegReg.SS]!;
  markAccessed(cpu, sd);
  try {
    cpu.cpl = dpl;
    cpu.updateCplMasks();
    cpu.setSegmentCache(SegReg.SS, ss, descBase(sd), descLimit(sd), descAttr(sd));
    cpu.regs[4] = esp;
    pushGate(cpu, oldSs);
    pushGate(cpu, oldEsp);
    for (let i = 0; i < paramCount; i++) pushGate(cpu, params[i]!);
    pushGate(cpu, retCs);
    pushGate(cpu, retEip);
  } catch (e) {
    cpu.cpl = savedCpl;
    cpu.setSegmentCache(SegReg.SS, oldSs, savedBase, savedLimit, savedAttr);
    cpu.regs[4] = oldEsp;
    cpu.updateCplMasks();
    throw e;
  }
  target.base = codeBase;
  target.limit = codeLimit;
  target.attr = codeAttr;
  target.dpl = dpl;
  loadCs(cpu, gate.selector, target, dpl, gate.offset);
}

/** Pushes a value of the current call gate's size. */
function pushGate(cpu: Cpu, value: number): void {
  if (gate.is32) cpu.push32(value);
  else cpu.push16(value);
}

/** Parameters copied through a call gate (at most 31). */
const paramScratch = new Int32Array(32);

/** `sp + delta` wrapped to the stack size. */
function stackOffset(cpu: Cpu, sp: number, delta: number): number {
  return cpu.stack32 ? (sp + delta) | 0 : (sp + delta) & 0xffff;
}

/** Reads a `size`-byte stack value at `sp + delta`. */
function slot(cpu: Cpu, sp: number, delta: number, size: number): number {
  const at = stackOffset(cpu, sp, delta);
  return size === 4 ? cpu.read32(SegReg.SS, at) : cpu.read16(SegReg.SS, at);
}

/** `retf [n]`: far return, releasing `n` bytes of parameters. */
export function farReturn(cpu: Cpu, n: number): void {
  const size = cpu.op32 ? 4 : 2;
  const sp = cpu.getSp();
  const eip = slot(cpu, sp, 0, size);
  const cs = slot(cpu, sp, size, size) & 0xffff;
  if (!isProtected(cpu)) {
    setSegmentReal(cpu, SegReg.CS, cs);
    cpu.eip = size === 4 ? eip : eip & 0xffff;
    cpu.setSp(stackOffset(cpu, sp, 2 * size + n));
    return;
  }
  const rpl = cs & 3;
  if (rpl < cpu.cpl) cpu.raise(Vector.GP, cs & ~3);
  const t = codeDescriptor(cpu, cs);
  if (t.conforming ? t.dpl > rpl : t.dpl !== rpl) cpu.raise(Vector.GP, cs & ~3);
  if (rpl === cpu.cpl) {
    loadCs(cpu, cs, t, rpl, size === 4 ? eip : eip & 0xffff);
    cpu.setSp(stackOffset(cpu, sp, 2 * size + n));
    return;
  }
  const newEsp = slot(cpu, sp, 2 * size + n, size);
  const newSs = slot(cpu, sp, 3 * size + n, size) & 0xffff;
  if ((newSs & ~3) === 0) cpu.raise(Vector.GP, 0);
  const sd = readDescriptor(cpu, newSs);
  if (sd === null) return cpu.raise(Vector.GP, newSs & ~3);
  const st = (sd.high >>> 8) & 0x1f;
  if ((newSs & 3) !== rpl || descDpl(sd) !== rpl || (st & 0x1a) !== 0x12)
    cpu.raise(Vector.GP, newSs & ~3);
  if ((sd.high & 0x8000) === 0) cpu.raise(Vector.SS, newSs & ~3);
  const base = t.base;
  const limit = t.limit;
  const attr = t.attr;
  markAccessed(cpu, sd);
  target.base = base;
  target.limit = limit;
  target.attr = attr;
  loadCs(cpu, cs, target, rpl, size === 4 ? eip : eip & 0xffff);
  cpu.setSegmentCache(SegReg.SS, newSs, descBase(sd), descLimit(sd), descAttr(sd));
  cpu.setSp((newEsp + n) | 0);
  invalidateOuterSegments(cpu);
}
