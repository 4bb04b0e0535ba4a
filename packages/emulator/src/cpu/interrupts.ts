/**
 * Interrupt and exception delivery (real mode through the IVT, protected and
 * virtual-8086 mode through IDT interrupt/trap gates with the TSS stack switch), double
 * and triple faults, and `iret`.
 *
 * Task gates and hardware task switching are not implemented: an IDT task gate raises
 * `#GP(vector × 8 + 2)` and `iret` with EFLAGS.NT raises `#GP(0)`.
 */
import { Cr0, Eflags, SegReg, Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { materializeFlags } from "./flags.js";
import { GUEST_FAULT } from "./guest-fault.js";
import {
  descAttr,
  descBase,
  descDpl,
  descLimit,
  invalidateOuterSegments,
  markAccessed,
  readDescriptor,
  setSegmentReal,
} from "./segments.js";

/** Where an interrupt comes from; decides gate DPL checks and the EXT error-code bit. */
export const InterruptKind = {
  /** `int n`, `int3`, `into`: the gate's DPL is checked against CPL. */
  Software: 0,
  /** A hardware interrupt from the interrupt line. */
  External: 1,
  /** A CPU exception. */
  Exception: 2,
} as const;

/** Exceptions whose nesting makes a double fault (SDM table 6-5). */
function contributory(v: number): boolean {
  return v === 0 || (v >= 10 && v <= 13);
}

/**
 * Delivers the exception recorded in {@link Cpu.faultVector}/{@link Cpu.faultError},
 * escalating to `#DF` and to a triple fault as the SDM's double-fault rules say.
 */
export function deliverPendingFault(cpu: Cpu): void {
  let vector = cpu.faultVector;
  let error = cpu.faultError;
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      deliverInterrupt(cpu, vector, InterruptKind.Exception, error);
      return;
    } catch (e) {
      if (e !== GUEST_FAULT) throw e;
      cpu.eip = cpu.startEip;
      const next = cpu.faultVector;
      if (vector === Vector.DF) break;
      if (
        (contributory(vector) && contributory(next)) ||
        (vector === Vector.PF && (contributory(next) || next === Vector.PF))
      ) {
        vector = Vector.DF;
        error = 0;
      } else {
        vector = next;
        error = cpu.faultError;
      }
    }
  }
  cpu.tripleFault();
}

/** Delivers a hardware interrupt acknowledged from the interrupt line. */
export function deliverExternal(cpu: Cpu, vector: number): void {
  deliverInterrupt(cpu, vector, InterruptKind.External, -1);
}

/** Delivers a non-maskable interrupt (vector 2) and blocks NMIs until `iret`. */
export function deliverNmi(cpu: Cpu): void {
  cpu.nmiBlocked = true;
  deliverInterrupt(cpu, Vector.NMI, InterruptKind.External, -1);
}

/** `int n` / `int3` / `into`: EIP already points past the instruction. */
export function deliverSoftware(cpu: Cpu, vector: number): void {
  if (cpu.flags & Eflags.VM && (cpu.flags & Eflags.IOPL) !== Eflags.IOPL) cpu.raise(Vector.GP, 0);
  deliverInterrupt(cpu, vector, InterruptKind.Software, -1);
}

/**
 * Delivers `vector` with `errorCode` (-1 for none); the return address is the current
 * {@link Cpu.eip}.
 */
export function deliverInterrupt(cpu: Cpu, vector: number, kind: number, errorCode: number): void {
  cpu.halted = false;
  if ((cpu.cr0 & Cr0.PE) === 0) {
    deliverReal(cpu, vector);
    return;
  }
  const ext = kind === InterruptKind.Software ? 0 : 1;
  const gateCode = vector * 8 + 2 + ext;
  if (vector * 8 + 7 > cpu.idtLimit) cpu.raise(Vector.GP, gateCode);
  const gateAddr = (cpu.idtBase + vector * 8) | 0;
  const low = cpu.sysRead32(gateAddr);
  const high = cpu.sysRead32(gateAddr + 4);
  const type = (high >>> 8) & 0x1f;
  if (type !== 0x06 && type !== 0x07 && type !== 0x0e && type !== 0x0f)
    cpu.raise(Vector.GP, gateCode);
  if (kind === InterruptKind.Software && ((high >>> 13) & 3) < cpu.cpl)
    cpu.raise(Vector.GP, gateCode);
  if ((high & 0x8000) === 0) cpu.raise(Vector.NP, gateCode);
  const gate32 = (type & 8) !== 0;
  const trapGate = (type & 1) !== 0;
  const selector = low >>> 16;
  const offset = gate32 ? (low & 0xffff) | (high & 0xffff0000) : low & 0xffff;
  if ((selector & ~3) === 0) cpu.raise(Vector.GP, ext);
  const d = readDescriptor(cpu, selector);
  if (d === null) return cpu.raise(Vector.GP, (selector & ~3) + ext);
  const csType = (d.high >>> 8) & 0x1f;
  const dpl = descDpl(d);
  if ((csType & 0x18) !== 0x18 || dpl > cpu.cpl) cpu.raise(Vector.GP, (selector & ~3) + ext);
  if ((d.high & 0x8000) === 0) cpu.raise(Vector.NP, (selector & ~3) + ext);
  // Take the CS fields now: reading the SS descriptor below reuses the descriptor object.
  markAccessed(cpu, d);
  const csBase = descBase(d);
  const csLimit = descLimit(d);
  const csAttr = descAttr(d);
  const conforming = (csType & 4) !== 0;
  const fromVm = (cpu.flags & Eflags.VM) !== 0;
  const oldFlags = cpu.getEflags();
  const oldCs = cpu.segSel[SegReg.CS]!;
  const oldEip = cpu.eip;

  if (!conforming && dpl < cpu.cpl) {
    if (fromVm && dpl !== 0) cpu.raise(Vector.GP, (selector & ~3) + ext);
    const { ss, esp } = readTssStack(cpu, dpl, ext);
    const ssD = readDescriptor(cpu, ss);
    if ((ss & ~3) === 0 || ssD === null) return cpu.raise(Vector.TS, (ss & ~3) + ext);
    const ssType = (ssD.high >>> 8) & 0x1f;
    if ((ss & 3) !== dpl || descDpl(ssD) !== dpl || (ssType & 0x1a) !== 0x12)
      cpu.raise(Vector.TS, (ss & ~3) + ext);
    if ((ssD.high & 0x8000) === 0) cpu.raise(Vector.SS, (ss & ~3) + ext);
    const ssBase = descBase(ssD);
    const ssLimit = descLimit(ssD);
    const ssAttr = descAttr(ssD);
    markAccessed(cpu, ssD);
    saveStackState(cpu);
    const oldSs = cpu.segSel[SegReg.SS]!;
    const oldEsp = cpu.regs[4]!;
    try {
      cpu.cpl = dpl;
      cpu.updateCplMasks();
      cpu.setSegmentCache(SegReg.SS, ss, ssBase, ssLimit, ssAttr);
      cpu.regs[4] = esp;
      if (fromVm) {
        pushGate(cpu, gate32, cpu.segSel[SegReg.GS]!);
        pushGate(cpu, gate32, cpu.segSel[SegReg.FS]!);
        pushGate(cpu, gate32, cpu.segSel[SegReg.DS]!);
        pushGate(cpu, gate32, cpu.segSel[SegReg.ES]!);
      }
      pushGate(cpu, gate32, oldSs);
      pushGate(cpu, gate32, oldEsp);
      pushGate(cpu, gate32, oldFlags);
      pushGate(cpu, gate32, oldCs);
      pushGate(cpu, gate32, oldEip);
      if (errorCode >= 0) pushGate(cpu, gate32, errorCode);
    } catch (e) {
      restoreStackState(cpu);
      throw e;
    }
    if (fromVm) {
      for (const s of [SegReg.GS, SegReg.FS, SegReg.DS, SegReg.ES])
        cpu.setSegmentCache(s, 0, 0, 0, 0);
    }
  } else {
    if (fromVm) cpu.raise(Vector.GP, (selector & ~3) + ext);
    const sp = cpu.regs[4]!;
    try {
      pushGate(cpu, gate32, oldFlags);
      pushGate(cpu, gate32, oldCs);
      pushGate(cpu, gate32, oldEip);
      if (errorCode >= 0) pushGate(cpu, gate32, errorCode);
    } catch (e) {
      cpu.regs[4] = sp;
      throw e;
    }
  }
  const newCpl = conforming ? cpu.cpl : dpl;
  cpu.flags &= ~(Eflags.TF | Eflags.NT | Eflags.RF | Eflags.VM | (trapGate ? 0 : Eflags.IF));
  cpu.cpl = newCpl;
  cpu.setSegmentCache(SegReg.CS, (selector & ~3) | newCpl, csBase, csLimit, csAttr);
  cpu.updateCplMasks();
  cpu.eip = offset;
}

/** Pushes a value of the gate's size (32- or 16-bit). */
function pushGate(cpu: Cpu, gate32: boolean, value: number): void {
  if (gate32) cpu.push32(value);
  else cpu.push16(value);
}

/** The stack state saved before a privilege switch (one reused object: delivery does not nest). */
const savedStack = { cpl: 0, sel: 0, base: 0, limit: 0, attr: 0, esp: 0 };

function saveStackState(cpu: Cpu): void {
  savedStack.cpl = cpu.cpl;
  savedStack.sel = cpu.segSel[SegReg.SS]!;
  savedStack.base = cpu.segBase[SegReg.SS]!;
  savedStack.limit = cpu.segLimit[SegReg.SS]!;
  savedStack.attr = cpu.segAttr[SegReg.SS]!;
  savedStack.esp = cpu.regs[4]!;
}

function restoreStackState(cpu: Cpu): void {
  const s = savedStack;
  cpu.cpl = s.cpl;
  cpu.setSegmentCache(SegReg.SS, s.sel, s.base, s.limit, s.attr);
  cpu.regs[4] = s.esp;
  cpu.updateCplMasks();
}

const tssStack = { ss: 0, esp: 0 };

/** Reads SSn:ESPn for privilege `dpl` from the current TSS (32- or 16-bit). */
export function readTssStack(cpu: Cpu, dpl: number, ext: number): { ss: number; esp: number } {
  const trType = cpu.trType & 0xf;
  if (trType === 0x9 || trType === 0xb) {
    const at = 4 + dpl * 8;
    if (at + 5 > cpu.trLimit) cpu.raise(Vector.TS, (cpu.trSel & ~3) + ext);
    tssStack.esp = cpu.sysRead32(cpu.trBase + at);
    tssStack.ss = cpu.sysRead16(cpu.trBase + at + 4);
  } else if (trType === 0x1 || trType === 0x3) {
    const at = 2 + dpl * 4;
    if (at + 3 > cpu.trLimit) cpu.raise(Vector.TS, (cpu.trSel & ~3) + ext);
    tssStack.esp = cpu.sysRead16(cpu.trBase + at);
    tssStack.ss = cpu.sysRead16(cpu.trBase + at + 2);
  } else {
    cpu.raise(Vector.TS, (cpu.trSel & ~3) + ext);
  }
  return tssStack;
}

function deliverReal(cpu: Cpu, vector: number): void {
  if (vector * 4 + 3 > cpu.idtLimit) cpu.raise(Vector.GP, 0);
  const entry = cpu.sysRead32((cpu.idtBase + vector * 4) | 0);
  const flags = cpu.getEflags();
  const sp = cpu.regs[4]!;
  try {
    cpu.push16(flags);
    cpu.push16(cpu.segSel[SegReg.CS]!);
    cpu.push16(cpu.eip);
  } catch (e) {
    cpu.regs[4] = sp;
    throw e;
  }
  cpu.flags &= ~(Eflags.IF | Eflags.TF | Eflags.AC | Eflags.RF);
  setSegmentReal(cpu, SegReg.CS, entry >>> 16);
  cpu.eip = entry & 0xffff;
}

/**
 * Writes the EFLAGS bits in `mask` from `value` (the arithmetic bits included) and polls
 * for interrupts when IF becomes set.
 */
export function writeFlags(cpu: Cpu, value: number, mask: number): void {
  materializeFlags(cpu);
  const wasIf = cpu.flags & Eflags.IF;
  const wasModes = cpu.flags & (Eflags.VM | Eflags.AC);
  cpu.flags = (cpu.flags & ~mask) | (value & mask) | 2;
  // Newly enabled interrupts, or single-stepping, need the poll at the next boundary.
  if (((cpu.flags & Eflags.IF) !== 0 && wasIf === 0) || (cpu.flags & Eflags.TF) !== 0) {
    cpu.requestInterruptPoll(false);
  }
  if ((cpu.flags & (Eflags.VM | Eflags.AC)) !== wasModes) cpu.updateCplMasks();
}

/** The EFLAGS bits `popf`/`iret` may change at the current privilege (without VM). */
export function writableFlagMask(cpu: Cpu, op32: boolean): number {
  let mask = 0x8d5 | Eflags.TF | Eflags.DF | Eflags.NT;
  if (op32) mask |= Eflags.AC | Eflags.ID;
  const iopl = (cpu.flags >>> 12) & 3;
  if (cpu.cpl === 0 || (cpu.cr0 & Cr0.PE) === 0) mask |= Eflags.IOPL;
  if (cpu.cpl <= iopl || (cpu.cr0 & Cr0.PE) === 0) mask |= Eflags.IF;
  return op32 ? mask : mask & 0xffff;
}

/** Reads stack slot `i` (of the operand size) above `sp` for `iret`. */
function stackSlot(cpu: Cpu, sp: number, i: number, op32: boolean): number {
  const off = sp + i * (op32 ? 4 : 2);
  const at = cpu.stack32 ? off | 0 : off & 0xffff;
  return op32 ? cpu.read32(SegReg.SS, at) : cpu.read16(SegReg.SS, at);
}

/** `iret`/`iretd` (operand size from {@link Cpu.op32}). */
export function iret(cpu: Cpu): void {
  const op32 = cpu.op32;
  cpu.nmiBlocked = false;
  if ((cpu.cr0 & Cr0.PE) === 0) {
    const eip = cpu.popV();
    const cs = cpu.popV() & 0xffff;
    const flags = cpu.popV();
    setSegmentReal(cpu, SegReg.CS, cs);
    cpu.eip = op32 ? eip : eip & 0xffff;
    writeFlags(cpu, flags, writableFlagMask(cpu, op32) | (op32 ? Eflags.RF : 0));
    return;
  }
  if (cpu.flags & Eflags.VM) {
    if ((cpu.flags & Eflags.IOPL) !== Eflags.IOPL) cpu.raise(Vector.GP, 0);
    const eip = cpu.popV();
    const cs = cpu.popV() & 0xffff;
    const flags = cpu.popV();
    setSegmentReal(cpu, SegReg.CS, cs);
    cpu.eip = eip & 0xffff;
    const mask =
      (0x8d5 |
        Eflags.TF |
        Eflags.DF |
        Eflags.NT |
        Eflags.IF |
        (op32 ? Eflags.AC | Eflags.ID | Eflags.RF : 0)) &
      (op32 ? -1 : 0xffff);
    writeFlags(cpu, flags, mask);
    return;
  }
  if (cpu.flags & Eflags.NT) cpu.raise(Vector.GP, 0); // task return: hardware task switching is not implemented
  const sp = cpu.getSp();
  const size = op32 ? 4 : 2;
  const newEip = stackSlot(cpu, sp, 0, op32);
  const newCs = stackSlot(cpu, sp, 1, op32) & 0xffff;
  const newFlags = stackSlot(cpu, sp, 2, op32);
  if (op32 && newFlags & Eflags.VM && cpu.cpl === 0) {
    returnToVm86(cpu, newEip, newCs, newFlags, sp);
    return;
  }
  const rpl = newCs & 3;
  if ((newCs & ~3) === 0) cpu.raise(Vector.GP, 0);
  if (rpl < cpu.cpl) cpu.raise(Vector.GP, newCs & ~3);
  const d = readDescriptor(cpu, newCs);
  if (d === null) return cpu.raise(Vector.GP, newCs & ~3);
  const type = (d.high >>> 8) & 0x1f;
  if ((type & 0x18) !== 0x18) cpu.raise(Vector.GP, newCs & ~3);
  const dpl = descDpl(d);
  if (type & 4 ? dpl > rpl : dpl !== rpl) cpu.raise(Vector.GP, newCs & ~3);
  if ((d.high & 0x8000) === 0) cpu.raise(Vector.NP, newCs & ~3);
  // Keep the CS fields: reading the SS descriptor below reuses the descriptor object.
  markAccessed(cpu, d);
  const csBase = descBase(d);
  const csLimit = descLimit(d);
  const csAttr = descAttr(d);
  const mask = writableFlagMask(cpu, op32) | (op32 ? Eflags.RF : 0);
  if (rpl > cpu.cpl) {
    const newEsp = stackSlot(cpu, sp, 3, op32);
    const newSs = stackSlot(cpu, sp, 4, op32) & 0xffff;
    if ((newSs & ~3) === 0) cpu.raise(Vector.GP, 0);
    const sd = readDescriptor(cpu, newSs);
    if (sd === null) return cpu.raise(Vector.GP, newSs & ~3);
    const st = (sd.high >>> 8) & 0x1f;
    if ((newSs & 3) !== rpl || descDpl(sd) !== rpl || (st & 0x1a) !== 0x12)
      cpu.raise(Vector.GP, newSs & ~3);
    if ((sd.high & 0x8000) === 0) cpu.raise(Vector.SS, newSs & ~3);
    markAccessed(cpu, sd);
    writeFlags(cpu, newFlags, mask);
    cpu.cpl = rpl;
    cpu.setSegmentCache(SegReg.CS, newCs, csBase, csLimit, csAttr);
    cpu.setSegmentCache(SegReg.SS, newSs, descBase(sd), descLimit(sd), descAttr(sd));
    cpu.updateCplMasks();
    if (cpu.stack32) cpu.regs[4] = newEsp;
    else cpu.regs16[8] = newEsp;
    cpu.eip = op32 ? newEip : newEip & 0xffff;
    invalidateOuterSegments(cpu);
    return;
  }
  writeFlags(cpu, newFlags, mask);
  cpu.setSegmentCache(SegReg.CS, newCs, csBase, csLimit, csAttr);
  cpu.setSp((sp + 3 * size) | 0);
  cpu.eip = op32 ? newEip : newEip & 0xffff;
}

function returnToVm86(cpu: Cpu, eip: number, cs: number, flags: number, sp: number): void {
  const esp = stackSlot(cpu, sp, 3, true);
  const ss = stackSlot(cpu, sp, 4, true);
  const es = stackSlot(cpu, sp, 5, true);
  const ds = stackSlot(cpu, sp, 6, true);
  const fs = stackSlot(cpu, sp, 7, true);
  const gs = stackSlot(cpu, sp, 8, true);
  materializeFlags(cpu);
  cpu.flags = (flags & 0x3f7fd7) | 2 | Eflags.VM;
  cpu.cpl = 3;
  cpu.updateCplMasks();
  setSegmentReal(cpu, SegReg.CS, cs);
  setSegmentReal(cpu, SegReg.SS, ss);
  setSegmentReal(cpu, SegReg.ES, es);
  setSegmentReal(cpu, SegReg.DS, ds);
  setSegmentReal(cpu, SegReg.FS, fs);
  setSegmentReal(cpu, SegReg.GS, gs);
  cpu.regs[4] = esp;
  cpu.eip = eip & 0xffff;
  if (cpu.flags & (Eflags.IF | Eflags.TF)) cpu.requestInterruptPoll(false);
}
