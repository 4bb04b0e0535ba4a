/**
 * System instructions: descriptor-table registers (LGDT LIDT LLDT LTR SGDT SIDT SLDT
 * STR), MSW (LMSW SMSW CLTS), INVLPG, moves to and from control and debug registers,
 * segment inspection (LAR LSL VERR VERW), CPUID and RDTSC.
 */
import { CpuidInfo, Cr0, Cr4, Eflags, Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { materializeFlags } from "./flags.js";
import { fetchModrm, readRm16, setReg, writeRm16 } from "./modrm.js";
import { descBase, descDpl, descLimit, isProtected, readDescriptor } from "./segments.js";

/** Raises `#GP(0)` unless running at CPL 0 (real mode counts as CPL 0). */
export function requireCpl0(cpu: Cpu): void {
  if (cpu.flags & Eflags.VM || ((cpu.cr0 & Cr0.PE) !== 0 && cpu.cpl !== 0)) cpu.raise(Vector.GP, 0);
}

/** Stores a selector-like 16-bit value to r/m (zero-extended for 32-bit registers). */
function storeSelector(cpu: Cpu, value: number): void {
  if (cpu.modrm >= 0xc0 && cpu.op32) cpu.regs[cpu.modrm & 7] = value;
  else writeRm16(cpu, value);
}

/** 0F 00: SLDT STR LLDT LTR VERR VERW (protected mode only). */
export function group6(cpu: Cpu): void {
  const m = fetchModrm(cpu);
  const op = (m >> 3) & 7;
  if (!isProtected(cpu)) cpu.raiseUd();
  switch (op) {
    case 0:
      storeSelector(cpu, cpu.ldtSel);
      return;
    case 1:
      storeSelector(cpu, cpu.trSel);
      return;
    case 2: {
      requireCpl0(cpu);
      const sel = readRm16(cpu);
      if ((sel & ~3) === 0) {
        cpu.ldtSel = sel;
        cpu.ldtBase = 0;
        cpu.ldtLimit = 0;
        return;
      }
      if (sel & 4) cpu.raise(Vector.GP, sel & ~3);
      const d = readDescriptor(cpu, sel);
      if (d === null || ((d.high >>> 8) & 0x1f) !== 0x02) return cpu.raise(Vector.GP, sel & ~3);
      if ((d.high & 0x8000) === 0) cpu.raise(Vector.NP, sel & ~3);
      cpu.ldtSel = sel;
      cpu.ldtBase = descBase(d);
      cpu.ldtLimit = descLimit(d);
      return;
    }
    case 3: {
      requireCpl0(cpu);
      const sel = readRm16(cpu);
      if ((sel & ~3) === 0) cpu.raise(Vector.GP, 0);
      if (sel & 4) cpu.raise(Vector.GP, sel & ~3);
      const d = readDescriptor(cpu, sel);
      const type = d === null ? 0 : (d.high >>> 8) & 0x1f;
      if (d === null || (type !== 0x09 && type !== 0x01)) return cpu.raise(Vector.GP, sel & ~3);
      if ((d.high & 0x8000) === 0) cpu.raise(Vector.NP, sel & ~3);
      d.high |= 0x200; // busy
      cpu.sysWrite32((d.address + 4) | 0, d.high);
      cpu.trSel = sel;
      cpu.trBase = descBase(d);
      cpu.trLimit = descLimit(d);
      cpu.trType = type | 2;
      return;
    }
    case 4:
    case 5:
      verify(cpu, readRm16(cpu), op === 5);
      return;
    default:
      cpu.raiseUd();
  }
}

function setZf(cpu: Cpu, on: boolean): void {
  materializeFlags(cpu);
  if (on) cpu.flags |= 0x40;
  else cpu.flags &= ~0x40;
}

function verify(cpu: Cpu, sel: number, write: boolean): void {
  const d = (sel & ~3) === 0 ? null : readDescriptor(cpu, sel);
  if (d === null) return setZf(cpu, false);
  const type = (d.high >>> 8) & 0x1f;
  if ((type & 0x10) === 0 || (d.high & 0x8000) === 0) return setZf(cpu, false);
  const code = (type & 8) !== 0;
  const conforming = code && (type & 4) !== 0;
  if (!conforming && (descDpl(d) < cpu.cpl || descDpl(d) < (sel & 3))) return setZf(cpu, false);
  if (write) setZf(cpu, !code && (type & 2) !== 0);
  else setZf(cpu, !code || (type & 2) !== 0);
}

/** 0F 02 LAR and 0F 03 LSL. */
export function larLsl(cpu: Cpu, lsl: boolean): void {
  const m = fetchModrm(cpu);
  if (!isProtected(cpu)) cpu.raiseUd();
  const sel = readRm16(cpu);
  const d = (sel & ~3) === 0 ? null : readDescriptor(cpu, sel);
  if (d === null) return setZf(cpu, false);
  const type = (d.high >>> 8) & 0x1f;
  let ok: boolean;
  if (type & 0x10) {
    const conforming = (type & 0x0c) === 0x0c;
    ok = conforming || (descDpl(d) >= cpu.cpl && descDpl(d) >= (sel & 3));
  } else {
    const allowed = lsl ? [1, 2, 3, 9, 0xb] : [1, 2, 3, 4, 5, 9, 0xb, 0xc];
    ok = allowed.includes(type) && descDpl(d) >= cpu.cpl && descDpl(d) >= (sel & 3);
  }
  if (!ok) return setZf(cpu, false);
  const size = cpu.op32 ? 32 : 16;
  const value = lsl ? descLimit(d) : d.high & (cpu.op32 ? 0x00ffff00 : 0xff00);
  setReg(cpu, (m >> 3) & 7, size, value);
  setZf(cpu, true);
}

/** 0F 01: SGDT SIDT LGDT LIDT SMSW LMSW INVLPG. */
export function group7(cpu: Cpu): void {
  const m = fetchModrm(cpu);
  const op = (m >> 3) & 7;
  if (op <= 3 && m >= 0xc0) cpu.raiseUd();
  switch (op) {
    case 0:
    case 1: {
      const base = op === 0 ? cpu.gdtBase : cpu.idtBase;
      const limit = op === 0 ? cpu.gdtLimit : cpu.idtLimit;
      const lin = cpu.linWrite(cpu.eaSeg, cpu.ea, 6);
      cpu.probeWrite(lin, 1);
      cpu.probeWrite((lin + 5) | 0, 1);
      cpu.writeLin16(lin, limit);
      cpu.writeLin32((lin + 2) | 0, cpu.op32 ? base : base & 0xffffff);
      return;
    }
    case 2:
    case 3: {
      requireCpl0(cpu);
      const limit = cpu.read16(cpu.eaSeg, cpu.ea);
      let base = cpu.read32(cpu.eaSeg, (cpu.ea + 2) | 0);
      if (!cpu.op32) base &= 0xffffff;
      if (op === 2) {
        cpu.gdtBase = base;
        cpu.gdtLimit = limit;
      } else {
        cpu.idtBase = base;
        cpu.idtLimit = limit;
      }
      return;
    }
    case 4:
      if (m >= 0xc0 && cpu.op32) cpu.regs[m & 7] = cpu.cr0;
      else writeRm16(cpu, cpu.cr0 & 0xffff);
      return;
    case 6: {
      requireCpl0(cpu);
      const v = readRm16(cpu);
      // LMSW can set PE but never clear it.
      writeCr0(cpu, (cpu.cr0 & ~0xe) | (v & 0xf) | (cpu.cr0 & Cr0.PE));
      return;
    }
    case 7:
      requireCpl0(cpu);
      if (m >= 0xc0) cpu.raiseUd();
      cpu.invalidatePage(cpu.linRead(cpu.eaSeg, cpu.ea, 1) | 0);
      return;
    default:
      cpu.raiseUd();
  }
}

/** Writes CR0 with the SDM's consistency checks, flushing the TLB when paging changes. */
export function writeCr0(cpu: Cpu, value: number): void {
  value |= Cr0.ET;
  if (value & Cr0.PG && (value & Cr0.PE) === 0) cpu.raise(Vector.GP, 0);
  if (value & Cr0.NW && (value & Cr0.CD) === 0) cpu.raise(Vector.GP, 0);
  const changed = cpu.cr0 ^ value;
  cpu.cr0 = value | 0;
  if (changed & (Cr0.PG | Cr0.WP | Cr0.PE)) cpu.flushTlb();
  if (changed & Cr0.AM) cpu.updateCplMasks();
}

/** 0F 20–23: `mov r32, CRn/DRn` and `mov CRn/DRn, r32` (`opcode` is the second byte). */
export function movControl(cpu: Cpu, opcode: number): void {
  const m = fetchModrm(cpu);
  requireCpl0(cpu);
  const n = (m >> 3) & 7;
  const r = m & 7;
  switch (opcode) {
    case 0x20: {
      const v =
        n === 0
          ? cpu.cr0
          : n === 2
            ? cpu.cr2
            : n === 3
              ? cpu.cr3
              : n === 4
                ? cpu.cr4
                : cpu.raiseUd();
      cpu.regs[r] = v;
      return;
    }
    case 0x22: {
      const v = cpu.regs[r]!;
      if (n === 0) writeCr0(cpu, v);
      else if (n === 2) cpu.cr2 = v;
      else if (n === 3) cpu.setCr3(v);
      else if (n === 4) {
        if (v & ~0x7ff) cpu.raise(Vector.GP, 0);
        const changed = cpu.cr4 ^ v;
        cpu.cr4 = v;
        if (changed & Cr4.PSE) cpu.flushTlb();
      } else cpu.raiseUd();
      return;
    }
    case 0x21: {
      const d = n === 4 || n === 5 ? n + 2 : n;
      cpu.regs[r] = cpu.dr[d]!;
      return;
    }
    default: {
      const d = n === 4 || n === 5 ? n + 2 : n;
      cpu.dr[d] = cpu.regs[r]!;
    }
  }
}

/** `cpuid`: the identity in {@link CpuidInfo}. */
export function cpuid(cpu: Cpu): void {
  const r = cpu.regs;
  const leaf = r[0]! >>> 0;
  const v = CpuidInfo.vendor;
  const word = (i: number): number =>
    v.charCodeAt(i) |
    (v.charCodeAt(i + 1) << 8) |
    (v.charCodeAt(i + 2) << 16) |
    (v.charCodeAt(i + 3) << 24);
  if (leaf === 0) {
    r[0] = CpuidInfo.maxLeaf;
    r[3] = word(0);
    r[2] = word(4);
    r[1] = word(8);
  } else if (leaf >= 0x80000000) {
    r[0] = r[1] = r[2] = r[3] = 0;
  } else {
    r[0] = CpuidInfo.signature;
    r[3] = 0;
    r[1] = 0;
    r[2] = CpuidInfo.featuresEdx | (cpu.fpu ? CpuidInfo.fpuBit : 0);
  }
}

/** `rdtsc`: the time-stamp counter is the retired-instruction count. */
export function rdtsc(cpu: Cpu): void {
  if (cpu.cr4 & Cr4.TSD && cpu.cpl !== 0 && (cpu.cr0 & Cr0.PE) !== 0) cpu.raise(Vector.GP, 0);
  const t = cpu.instructionCount;
  cpu.regs[0] = t % 0x100000000;
  cpu.regs[2] = Math.floor(t / 0x100000000);
}
