/**
 * The two-byte (0F) opcode map as used by 386–P6 code. Opcodes outside it (MMX, SSE,
 * SYSENTER, MSRs…) raise `#UD`, matching the CPUID feature bits.
 */
import { alu } from "./alu.js";
import { bitScan, bitTest, bswap } from "./bit-ops.js";
import { Cr0, SegReg } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { materializeFlags, testCondition } from "./flags.js";
import {
  fetchModrm,
  getReg,
  readLinSized,
  readRm,
  readRm16,
  readRm8,
  rmwLinear,
  setReg,
  writeLinSized,
  writeRm8,
} from "./modrm.js";
import { imul2 } from "./muldiv.js";
import { loadSegment } from "./segments.js";
import { shld, shrd } from "./shift.js";
import { nearTarget } from "./execute.js";
import { cpuid, group6, group7, larLsl, movControl, rdtsc, requireCpl0 } from "./system-ops.js";

/** Executes the instruction whose first opcode byte was 0F. */
export function execute0f(cpu: Cpu): void {
  const b = cpu.fetch8();
  const size = cpu.op32 ? 32 : 16;
  if (b >= 0x80 && b <= 0x8f) {
    const rel = cpu.fetchImmV();
    if (testCondition(cpu, b & 0xf)) cpu.eip = nearTarget(cpu, (cpu.eip + rel) | 0);
    return;
  }
  if (b >= 0x40 && b <= 0x4f) {
    const m = fetchModrm(cpu);
    // The source is read (and may fault) even when the condition is false.
    const v = readRm(cpu, size);
    if (testCondition(cpu, b & 0xf)) setReg(cpu, (m >> 3) & 7, size, v);
    else if (size === 32) setReg(cpu, (m >> 3) & 7, 32, getReg(cpu, (m >> 3) & 7, 32));
    return;
  }
  if (b >= 0x90 && b <= 0x9f) {
    fetchModrm(cpu);
    writeRm8(cpu, testCondition(cpu, b & 0xf) ? 1 : 0);
    return;
  }
  if (b >= 0xc8) {
    bswap(cpu, b & 7);
    return;
  }
  if (b >= 0x18 && b <= 0x1f) {
    // Hint NOPs (prefetch, endbr32 = F3 0F 1E FB, multi-byte nop 0F 1F /0): decode and ignore.
    fetchModrm(cpu);
    return;
  }
  switch (b) {
    case 0x00:
      group6(cpu);
      return;
    case 0x01:
      group7(cpu);
      return;
    case 0x02:
    case 0x03:
      larLsl(cpu, b === 0x03);
      return;
    case 0x06:
      requireCpl0(cpu);
      cpu.cr0 &= ~Cr0.TS;
      return;
    case 0x08:
    case 0x09:
      requireCpl0(cpu);
      return;
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
      movControl(cpu, b);
      return;
    case 0x31:
      rdtsc(cpu);
      return;
    case 0xa0:
      cpu.pushV(cpu.segSel[SegReg.FS]!);
      return;
    case 0xa8:
      cpu.pushV(cpu.segSel[SegReg.GS]!);
      return;
    case 0xa1:
    case 0xa9: {
      const sp = cpu.regs[4]!;
      const v = cpu.popV() & 0xffff;
      try {
        loadSegment(cpu, b === 0xa1 ? SegReg.FS : SegReg.GS, v);
      } catch (e) {
        cpu.regs[4] = sp;
        throw e;
      }
      return;
    }
    case 0xa2:
      cpuid(cpu);
      return;
    case 0xa3:
      bitTest(cpu, 0, false);
      return;
    case 0xab:
      bitTest(cpu, 1, false);
      return;
    case 0xb3:
      bitTest(cpu, 2, false);
      return;
    case 0xbb:
      bitTest(cpu, 3, false);
      return;
    case 0xba: {
      const m = fetchModrm(cpu);
      const op = (m >> 3) & 7;
      if (op < 4) cpu.raiseUd();
      bitTest(cpu, op - 4, true);
      return;
    }
    case 0xa4:
    case 0xa5:
    case 0xac:
    case 0xad:
      doubleShift(cpu, b, size);
      return;
    case 0xaf: {
      const m = fetchModrm(cpu);
      const reg = (m >> 3) & 7;
      setReg(cpu, reg, size, imul2(cpu, getReg(cpu, reg, size), readRm(cpu, size), size));
      return;
    }
    case 0xb0:
    case 0xb1:
      cmpxchg(cpu, b === 0xb0 ? 8 : size);
      return;
    case 0xb2:
    case 0xb4:
    case 0xb5: {
      const m = fetchModrm(cpu);
      if (m >= 0xc0) cpu.raiseUd();
      const off = cpu.op32 ? cpu.read32(cpu.eaSeg, cpu.ea) : cpu.read16(cpu.eaSeg, cpu.ea);
      const sel = cpu.read16(cpu.eaSeg, (cpu.ea + (cpu.op32 ? 4 : 2)) | 0);
      loadSegment(cpu, b === 0xb2 ? SegReg.SS : b === 0xb4 ? SegReg.FS : SegReg.GS, sel);
      setReg(cpu, (m >> 3) & 7, size, off);
      return;
    }
    case 0xb6:
    case 0xbe: {
      const m = fetchModrm(cpu);
      const v = readRm8(cpu);
      setReg(cpu, (m >> 3) & 7, size, b === 0xb6 ? v : (v << 24) >> 24);
      return;
    }
    case 0xb7:
    case 0xbf: {
      const m = fetchModrm(cpu);
      const v = readRm16(cpu);
      setReg(cpu, (m >> 3) & 7, size, b === 0xb7 ? v : (v << 16) >> 16);
      return;
    }
    case 0xbc:
    case 0xbd:
      bitScan(cpu, b === 0xbd);
      return;
    case 0xc0:
    case 0xc1:
      xadd(cpu, b === 0xc0 ? 8 : size);
      return;
    case 0xc7:
      cmpxchg8b(cpu);
      return;
    default:
      cpu.raiseUd();
  }
}

function doubleShift(cpu: Cpu, b: number, size: number): void {
  const m = fetchModrm(cpu);
  const src = getReg(cpu, (m >> 3) & 7, size);
  const left = b < 0xa8;
  if (m >= 0xc0) {
    const count = b & 1 ? cpu.regs8[4]! /* CL */ : cpu.fetch8();
    const d = getReg(cpu, m & 7, size);
    setReg(
      cpu,
      m & 7,
      size,
      left ? shld(cpu, d, src, count, size) : shrd(cpu, d, src, count, size),
    );
    return;
  }
  const count = b & 1 ? cpu.regs8[4]! /* CL */ : cpu.fetch8();
  const lin = rmwLinear(cpu, size >> 3);
  const d = readLinSized(cpu, lin, size);
  writeLinSized(
    cpu,
    lin,
    size,
    left ? shld(cpu, d, src, count, size) : shrd(cpu, d, src, count, size),
  );
}

function cmpxchg(cpu: Cpu, size: number): void {
  const m = fetchModrm(cpu);
  const reg = (m >> 3) & 7;
  const acc = getReg(cpu, 0, size);
  if (m >= 0xc0) {
    const d = getReg(cpu, m & 7, size);
    alu(cpu, 7, acc, d, size);
    if (testCondition(cpu, 4)) setReg(cpu, m & 7, size, getReg(cpu, reg, size));
    else setReg(cpu, 0, size, d);
    return;
  }
  const lin = rmwLinear(cpu, size >> 3);
  const d = readLinSized(cpu, lin, size);
  alu(cpu, 7, acc, d, size);
  if (testCondition(cpu, 4)) writeLinSized(cpu, lin, size, getReg(cpu, reg, size));
  else {
    // The destination is always written back, as the locked bus cycle does.
    writeLinSized(cpu, lin, size, d);
    setReg(cpu, 0, size, d);
  }
}

function xadd(cpu: Cpu, size: number): void {
  const m = fetchModrm(cpu);
  const reg = (m >> 3) & 7;
  const src = getReg(cpu, reg, size);
  if (m >= 0xc0) {
    const d = getReg(cpu, m & 7, size);
    const sum = alu(cpu, 0, d, src, size);
    setReg(cpu, reg, size, d);
    setReg(cpu, m & 7, size, sum);
    return;
  }
  const lin = rmwLinear(cpu, size >> 3);
  const d = readLinSized(cpu, lin, size);
  const sum = alu(cpu, 0, d, src, size);
  writeLinSized(cpu, lin, size, sum);
  setReg(cpu, reg, size, d);
}

function cmpxchg8b(cpu: Cpu): void {
  const m = fetchModrm(cpu);
  if (m >= 0xc0 || ((m >> 3) & 7) !== 1) cpu.raiseUd();
  const lin = rmwLinear(cpu, 8);
  cpu.probeWrite((lin + 4) | 0, 4);
  const lo = cpu.readLin32(lin);
  const hi = cpu.readLin32((lin + 4) | 0);
  const r = cpu.regs;
  materializeFlags(cpu);
  if (lo === r[0] && hi === r[2]) {
    cpu.writeLin32(lin, r[3]!);
    cpu.writeLin32((lin + 4) | 0, r[1]!);
    cpu.flags |= 0x40;
  } else {
    cpu.writeLin32(lin, lo);
    cpu.writeLin32((lin + 4) | 0, hi);
    r[0] = lo;
    r[2] = hi;
    cpu.flags &= ~0x40;
  }
}
