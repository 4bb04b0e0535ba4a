/**
 * String instructions (MOVS CMPS STOS LODS SCAS INS OUTS) with `rep`/`repe`/`repne`, in
 * 16- and 32-bit address sizes. A repeated instruction runs in slices of at most
 * {@link REP_SLICE} iterations; between slices EIP stays on the instruction so interrupts
 * can be taken and the instruction resumes, as on hardware.
 */
import { alu } from "./alu.js";
import { Eflags, SegReg } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { getZf } from "./flags.js";
import { checkIoPermission } from "./io-ops.js";
import { getReg, setReg } from "./modrm.js";

/** Iterations of a `rep` string instruction executed before yielding to the run loop. */
export const REP_SLICE = 4096;

function readSized(cpu: Cpu, seg: number, off: number, size: number): number {
  return size === 32
    ? cpu.read32(seg, off)
    : size === 16
      ? cpu.read16(seg, off)
      : cpu.read8(seg, off);
}

function writeSized(cpu: Cpu, seg: number, off: number, size: number, v: number): void {
  if (size === 32) cpu.write32(seg, off, v);
  else if (size === 16) cpu.write16(seg, off, v);
  else cpu.write8(seg, off, v);
}

function si(cpu: Cpu): number {
  return cpu.addr32 ? cpu.regs[6]! : cpu.regs16[12]!;
}
function di(cpu: Cpu): number {
  return cpu.addr32 ? cpu.regs[7]! : cpu.regs16[14]!;
}
function advanceSi(cpu: Cpu, step: number): void {
  if (cpu.addr32) cpu.regs[6] = (cpu.regs[6]! + step) | 0;
  else cpu.regs16[12] = cpu.regs16[12]! + step;
}
function advanceDi(cpu: Cpu, step: number): void {
  if (cpu.addr32) cpu.regs[7] = (cpu.regs[7]! + step) | 0;
  else cpu.regs16[14] = cpu.regs16[14]! + step;
}

/** One iteration of string opcode `b`; `size` in bits, `step` signed byte step. */
function once(cpu: Cpu, b: number, size: number, step: number, srcSeg: number): void {
  switch (b) {
    case 0x6c:
    case 0x6d: {
      const port = cpu.regs16[4]!;
      checkIoPermission(cpu, port, size >> 3);
      const lin = cpu.linWrite(SegReg.ES, di(cpu), size >> 3);
      cpu.probeWrite(lin, size >> 3);
      const v =
        size === 32 ? cpu.io.read32(port) : size === 16 ? cpu.io.read16(port) : cpu.io.read8(port);
      writeSized(cpu, SegReg.ES, di(cpu), size, v);
      advanceDi(cpu, step);
      return;
    }
    case 0x6e:
    case 0x6f: {
      const port = cpu.regs16[4]!;
      checkIoPermission(cpu, port, size >> 3);
      const v = readSized(cpu, srcSeg, si(cpu), size);
      if (size === 32) cpu.io.write32(port, v);
      else if (size === 16) cpu.io.write16(port, v);
      else cpu.io.write8(port, v);
      advanceSi(cpu, step);
      return;
    }
    case 0xa4:
    case 0xa5:
      writeSized(cpu, SegReg.ES, di(cpu), size, readSized(cpu, srcSeg, si(cpu), size));
      advanceSi(cpu, step);
      advanceDi(cpu, step);
      return;
    case 0xa6:
    case 0xa7: {
      const a = readSized(cpu, srcSeg, si(cpu), size);
      const c = readSized(cpu, SegReg.ES, di(cpu), size);
      alu(cpu, 7, a, c, size);
      advanceSi(cpu, step);
      advanceDi(cpu, step);
      return;
    }
    case 0xaa:
    case 0xab:
      writeSized(cpu, SegReg.ES, di(cpu), size, getReg(cpu, 0, size));
      advanceDi(cpu, step);
      return;
    case 0xac:
    case 0xad:
      setReg(cpu, 0, size, readSized(cpu, srcSeg, si(cpu), size));
      advanceSi(cpu, step);
      return;
    default: {
      const c = readSized(cpu, SegReg.ES, di(cpu), size);
      alu(cpu, 7, getReg(cpu, 0, size), c, size);
      advanceDi(cpu, step);
    }
  }
}

/** Executes string opcode `b` with the current prefixes. */
export function stringInstruction(cpu: Cpu, b: number): void {
  const size = b & 1 ? (cpu.op32 ? 32 : 16) : 8;
  const bytes = size >> 3;
  const step = cpu.flags & Eflags.DF ? -bytes : bytes;
  const srcSeg = cpu.segOverride >= 0 ? cpu.segOverride : SegReg.DS;
  const rep = cpu.repPrefix;
  if (rep === 0) {
    once(cpu, b, size, step, srcSeg);
    return;
  }
  const compares = b === 0xa6 || b === 0xa7 || b === 0xae || b === 0xaf;
  // Single-stepping traps after every iteration, with EIP still on the instruction.
  const stepping = (cpu.flags & Eflags.TF) !== 0;
  if (!stepping) {
    if (!compares && (b === 0xaa || b === 0xab) && fastStos(cpu, size, step)) return;
    if ((b === 0xa4 || b === 0xa5) && fastMovs(cpu, size, step, srcSeg)) return;
  }
  let count = cpu.addr32 ? cpu.regs[1]! >>> 0 : cpu.regs16[2]!;
  for (let budget = stepping ? 1 : REP_SLICE; count !== 0; budget--) {
    if (budget === 0) {
      cpu.eip = cpu.startEip;
      return;
    }
    once(cpu, b, size, step, srcSeg);
    count--;
    if (cpu.addr32) cpu.regs[1] = count;
    else cpu.regs16[2] = count;
    if (compares && (getZf(cpu) !== 0) !== (rep === 0xf3)) return;
  }
}

/**
 * `rep stos` over RAM with 32-bit addressing, DF=0 and an aligned destination: fills
 * page-bounded runs with a typed-array `fill` when the pages are directly writable. Falls
 * back (false) otherwise.
 */
function fastStos(cpu: Cpu, size: number, step: number): boolean {
  if (!cpu.addr32 || step < 0) return false;
  const bytes = size >> 3;
  const value = getReg(cpu, 0, size);
  let count = cpu.regs[1]! >>> 0;
  let budget = REP_SLICE * 4;
  while (count !== 0 && budget > 0) {
    const off = cpu.regs[7]!;
    const lin = cpu.linWrite(SegReg.ES, off, bytes);
    const e = cpu.tlb[lin >>> 12]!;
    if ((e & cpu.writeMask) !== cpu.writeMask || (lin & (bytes - 1)) !== 0)
      return budget !== REP_SLICE * 4 ? finishLater(cpu) : false;
    const room = (0x1000 - (lin & 0xfff)) / bytes;
    const n = Math.min(room, count, budget);
    if ((off >>> 0) + n * bytes - 1 > cpu.segWriteMax[SegReg.ES]!)
      return budget !== REP_SLICE * 4 ? finishLater(cpu) : false;
    const p = ((e & ~0xfff) | (lin & 0xfff)) >>> 0;
    if (bytes === 4) cpu.i32.fill(value, p >>> 2, (p >>> 2) + n);
    else if (bytes === 2) cpu.u16.fill(value, p >>> 1, (p >>> 1) + n);
    else cpu.u8.fill(value, p, p + n);
    count -= n;
    budget -= n;
    cpu.regs[7] = (off + n * bytes) | 0;
    cpu.regs[1] = count;
  }
  if (count !== 0) cpu.eip = cpu.startEip;
  return true;
}

/**
 * `rep movs` between RAM pages with 32-bit addressing and DF=0: copies page-bounded runs
 * with `copyWithin`. Runs where the destination starts inside the source (where the
 * element-by-element copy replicates a pattern, unlike memmove) and anything not directly
 * mapped are left to the element loop. Returns false when it made no progress.
 */
function fastMovs(cpu: Cpu, size: number, step: number, srcSeg: number): boolean {
  if (!cpu.addr32 || step < 0) return false;
  const bytes = size >> 3;
  const regs = cpu.regs;
  let count = regs[1]! >>> 0;
  let budget = REP_SLICE * 4;
  let progressed = false;
  while (count !== 0 && budget > 0) {
    const si = regs[6]!;
    const di = regs[7]!;
    const slin = cpu.linRead(srcSeg, si, bytes);
    const dlin = cpu.linWrite(SegReg.ES, di, bytes);
    const se = cpu.tlb[slin >>> 12]!;
    const de = cpu.tlb[dlin >>> 12]!;
    if ((se & cpu.readMask) !== cpu.readMask || (de & cpu.writeMask) !== cpu.writeMask) break;
    const room = Math.min(0x1000 - (slin & 0xfff), 0x1000 - (dlin & 0xfff));
    const n = Math.min(Math.floor(room / bytes), count, budget);
    if (n === 0) break;
    const len = n * bytes;
    if ((si >>> 0) + len - 1 > cpu.segReadMax[srcSeg]!) break;
    if ((di >>> 0) + len - 1 > cpu.segWriteMax[SegReg.ES]!) break;
    const sp = ((se & ~0xfff) | (slin & 0xfff)) >>> 0;
    const dp = ((de & ~0xfff) | (dlin & 0xfff)) >>> 0;
    if (dp > sp && dp < sp + len) break;
    cpu.u8.copyWithin(dp, sp, sp + len);
    regs[6] = (si + len) | 0;
    regs[7] = (di + len) | 0;
    count -= n;
    regs[1] = count;
    budget -= n;
    progressed = true;
  }
  if (count === 0) return true;
  if (!progressed) return false;
  cpu.eip = cpu.startEip;
  return true;
}

function finishLater(cpu: Cpu): boolean {
  cpu.eip = cpu.startEip;
  return true;
}
