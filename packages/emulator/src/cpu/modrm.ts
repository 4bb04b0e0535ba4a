/**
 * ModRM/SIB decoding and operand access: computes the effective address of a memory
 * operand (16- and 32-bit addressing, default SS for BP/EBP/ESP bases, segment
 * overrides) and reads or writes `r/m` operands of each size.
 */
import { SegReg } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { reg8Index } from "./cpu.js";

/** Fetches a ModRM byte and, for memory forms, decodes its effective address. */
export function fetchModrm(cpu: Cpu): number {
  const m = cpu.fetch8();
  cpu.modrm = m;
  if (m < 0xc0) {
    if (cpu.addr32) ea32(cpu, m);
    else ea16(cpu, m);
  }
  return m;
}

function ea32(cpu: Cpu, m: number): void {
  const mod = m >> 6;
  const rm = m & 7;
  const regs = cpu.regs;
  let ea: number;
  let seg: number = SegReg.DS;
  if (rm === 4) {
    const sib = cpu.fetch8();
    const base = sib & 7;
    const index = (sib >> 3) & 7;
    ea = index === 4 ? 0 : regs[index]! << (sib >> 6);
    if (base === 5 && mod === 0) {
      ea = (ea + cpu.fetch32()) | 0;
    } else {
      ea = (ea + regs[base]!) | 0;
      if (base === 4 || base === 5) seg = SegReg.SS;
    }
  } else if (rm === 5 && mod === 0) {
    ea = cpu.fetch32();
  } else {
    ea = regs[rm]!;
    if (rm === 5) seg = SegReg.SS;
  }
  if (mod === 1) ea = (ea + cpu.fetchS8()) | 0;
  else if (mod === 2) ea = (ea + cpu.fetch32()) | 0;
  cpu.ea = ea;
  cpu.eaSeg = cpu.segOverride >= 0 ? cpu.segOverride : seg;
}

function ea16(cpu: Cpu, m: number): void {
  const mod = m >> 6;
  const rm = m & 7;
  const r = cpu.regs16;
  let ea: number;
  let seg: number = SegReg.DS;
  switch (rm) {
    case 0:
      ea = r[6]! + r[12]!;
      break;
    case 1:
      ea = r[6]! + r[14]!;
      break;
    case 2:
      ea = r[10]! + r[12]!;
      seg = SegReg.SS;
      break;
    case 3:
      ea = r[10]! + r[14]!;
      seg = SegReg.SS;
      break;
    case 4:
      ea = r[12]!;
      break;
    case 5:
      ea = r[14]!;
      break;
    case 6:
      if (mod === 0) {
        ea = cpu.fetch16();
      } else {
        ea = r[10]!;
        seg = SegReg.SS;
      }
      break;
    default:
      ea = r[6]!;
      break;
  }
  if (mod === 1) ea += cpu.fetchS8();
  else if (mod === 2) ea += cpu.fetch16();
  cpu.ea = ea & 0xffff;
  cpu.eaSeg = cpu.segOverride >= 0 ? cpu.segOverride : seg;
}

/** Reads the 8-bit `r/m` operand. */
export function readRm8(cpu: Cpu): number {
  const m = cpu.modrm;
  if (m >= 0xc0) return cpu.regs8[reg8Index(m & 7)]!;
  return cpu.read8(cpu.eaSeg, cpu.ea);
}

/** Reads the 16-bit `r/m` operand. */
export function readRm16(cpu: Cpu): number {
  const m = cpu.modrm;
  if (m >= 0xc0) return cpu.regs16[(m & 7) << 1]!;
  return cpu.read16(cpu.eaSeg, cpu.ea);
}

/** Reads the 32-bit `r/m` operand (int32). */
export function readRm32(cpu: Cpu): number {
  const m = cpu.modrm;
  if (m >= 0xc0) return cpu.regs[m & 7]!;
  return cpu.read32(cpu.eaSeg, cpu.ea);
}

/** Reads the `r/m` operand of the current operand size. */
export function readRmV(cpu: Cpu): number {
  return cpu.op32 ? readRm32(cpu) : readRm16(cpu);
}

/** Writes the 8-bit `r/m` operand. */
export function writeRm8(cpu: Cpu, v: number): void {
  const m = cpu.modrm;
  if (m >= 0xc0) cpu.regs8[reg8Index(m & 7)] = v;
  else cpu.write8(cpu.eaSeg, cpu.ea, v);
}

/** Writes the 16-bit `r/m` operand. */
export function writeRm16(cpu: Cpu, v: number): void {
  const m = cpu.modrm;
  if (m >= 0xc0) cpu.regs16[(m & 7) << 1] = v;
  else cpu.write16(cpu.eaSeg, cpu.ea, v);
}

/** Writes the 32-bit `r/m` operand. */
export function writeRm32(cpu: Cpu, v: number): void {
  const m = cpu.modrm;
  if (m >= 0xc0) cpu.regs[m & 7] = v;
  else cpu.write32(cpu.eaSeg, cpu.ea, v);
}

/** Writes the `r/m` operand of the current operand size. */
export function writeRmV(cpu: Cpu, v: number): void {
  if (cpu.op32) writeRm32(cpu, v);
  else writeRm16(cpu, v);
}

/**
 * Prepares a read-modify-write memory operand of `size` bytes: checks the segment and
 * the page for writing first, so a fault leaves nothing half done; returns the linear
 * address.
 */
export function rmwLinear(cpu: Cpu, size: number): number {
  const lin = cpu.linWrite(cpu.eaSeg, cpu.ea, size);
  cpu.probeWrite(lin, size);
  return lin;
}

/** Reads general register `r` at `size` bits (8-bit uses the AL..BH numbering). */
export function getReg(cpu: Cpu, r: number, size: number): number {
  if (size === 32) return cpu.regs[r]!;
  if (size === 16) return cpu.regs16[r << 1]!;
  return cpu.regs8[reg8Index(r)]!;
}

/** Writes general register `r` at `size` bits. */
export function setReg(cpu: Cpu, r: number, size: number, v: number): void {
  if (size === 32) cpu.regs[r] = v;
  else if (size === 16) cpu.regs16[r << 1] = v;
  else cpu.regs8[reg8Index(r)] = v;
}

/** Reads a memory operand at a linear address by size. */
export function readLinSized(cpu: Cpu, lin: number, size: number): number {
  if (size === 32) return cpu.readLin32(lin);
  if (size === 16) return cpu.readLin16(lin);
  return cpu.readLin8(lin);
}

/** Writes a memory operand at a linear address by size. */
export function writeLinSized(cpu: Cpu, lin: number, size: number, v: number): void {
  if (size === 32) cpu.writeLin32(lin, v);
  else if (size === 16) cpu.writeLin16(lin, v);
  else cpu.writeLin8(lin, v);
}

/** Reads the `r/m` operand at `size` bits. */
export function readRm(cpu: Cpu, size: number): number {
  return size === 32 ? readRm32(cpu) : size === 16 ? readRm16(cpu) : readRm8(cpu);
}

/** Writes the `r/m` operand at `size` bits. */
export function writeRm(cpu: Cpu, size: number, v: number): void {
  if (size === 32) writeRm32(cpu, v);
  else if (size === 16) writeRm16(cpu, v);
  else writeRm8(cpu, v);
}
