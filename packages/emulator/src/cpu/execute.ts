/**
 * The one-byte opcode map: prefix decoding and the dispatch of every one-byte opcode.
 * Families with more than a few lines of semantics live in their own files (ALU, shifts,
 * multiply/divide, strings, BCD, far transfers, I/O, the 0F map).
 */
import { alu, alu32, dec, inc, logic } from "./alu.js";
import { adjust } from "./bcd.js";
import { Cr0, Eflags, SegReg, Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { reg8Index } from "./cpu.js";
import { execute0f } from "./execute-0f.js";
import { farCall, farJump, farReturn } from "./far-transfer.js";
import { materializeFlags, testCondition } from "./flags.js";
import { escape, fwait } from "./fpu-bridge.js";
import { group3, group4, group5, groupShift } from "./groups.js";
import {
  deliverInterrupt,
  deliverSoftware,
  InterruptKind,
  iret,
  writableFlagMask,
  writeFlags,
} from "./interrupts.js";
import { inPort, outPort } from "./io-ops.js";
import {
  fetchModrm,
  getReg,
  readLinSized,
  readRm,
  readRm16,
  readRm32,
  readRm8,
  rmwLinear,
  setReg,
  writeLinSized,
  writeRm16,
  writeRm32,
  writeRm8,
  writeRmV,
} from "./modrm.js";
import { imul2 } from "./muldiv.js";
import { loadSegment } from "./segments.js";
import { enter, popa, pusha } from "./stack-ops.js";
import { stringInstruction } from "./string.js";

/**
 * Executes one instruction at CS:EIP (prefixes included).
 *
 * Expects the decoder defaults between instructions (`op32 = addr32 = code32`, no
 * segment override, no rep prefix; see {@link CpuState.resetDecoder}), so an instruction
 * without prefixes, the common case, writes no decoder state.
 */
export function execute(cpu: Cpu): void {
  const b = cpu.fetch8();
  // The most frequent opcode blocks of compiled code go straight to small functions, in
  // order of frequency, saving the frame of the big switch (measured: +17% on the bench
  // for the first four); the ALU block (00–3F without segment/BCD opcodes) comes first.
  if (b < 0x40 && (b & 7) < 6) aluOpcode(cpu, b);
  else if ((b & 0xf0) === 0x70) jccShort(cpu, b);
  else if ((b & 0xfc) === 0x80) aluImmediate(cpu, b);
  else if ((b & 0xfc) === 0x88) movRmReg(cpu, b);
  else if ((b & 0xf0) === 0x50) pushPopReg(cpu, b);
  else if (b === 0x0f) execute0f(cpu);
  else if ((b & 0xfe) === 0xc0 || (b & 0xfc) === 0xd0) shiftOpcode(cpu, b);
  else if (IS_PREFIX[b] === 0) executeOpcode(cpu, b);
  else {
    decodePrefixes(cpu, b, cpu.code32);
    // A fault skips this; the run loop resets the decoder after it.
    cpu.resetDecoder();
  }
}

/** Bytes that are instruction prefixes. */
const IS_PREFIX = new Uint8Array(256);
for (const p of [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3])
  IS_PREFIX[p] = 1;

function decodePrefixes(cpu: Cpu, b: number, def32: boolean): void {
  let lock = false;
  for (let n = 0; ; n++) {
    switch (b) {
      case 0x66:
        cpu.op32 = !def32;
        break;
      case 0x67:
        cpu.addr32 = !def32;
        break;
      case 0x26:
        cpu.segOverride = SegReg.ES;
        break;
      case 0x2e:
        cpu.segOverride = SegReg.CS;
        break;
      case 0x36:
        cpu.segOverride = SegReg.SS;
        break;
      case 0x3e:
        cpu.segOverride = SegReg.DS;
        break;
      case 0x64:
        cpu.segOverride = SegReg.FS;
        break;
      case 0x65:
        cpu.segOverride = SegReg.GS;
        break;
      case 0xf2:
      case 0xf3:
        cpu.repPrefix = b;
        break;
      case 0xf0:
        lock = true;
        break;
      default:
        if (lock) checkLockable(cpu, b);
        // Without prefixes an instruction is at most 12 bytes; with four or more it may
        // pass the 15-byte limit, so count its bytes as it is fetched.
        if (n >= 4) {
          cpu.checkLength = true;
          cpu.fetchPage = -1;
          try {
            executeOpcode(cpu, b);
          } finally {
            cpu.checkLength = false;
          }
        } else executeOpcode(cpu, b);
        return;
    }
    // An instruction longer than 15 bytes raises #GP(0).
    if (n >= 14) cpu.raise(Vector.GP, 0);
    b = cpu.fetch8();
  }
}

/** One-byte opcodes that accept LOCK (with a memory destination); 1 = any /reg, 2 = see ModRM. */
const LOCKABLE = new Uint8Array(256);
for (const op of [
  0x00, 0x01, 0x08, 0x09, 0x10, 0x11, 0x18, 0x19, 0x20, 0x21, 0x28, 0x29, 0x30, 0x31, 0x86, 0x87,
]) {
  LOCKABLE[op] = 1;
}
for (const op of [0x80, 0x81, 0x82, 0x83, 0xf6, 0xf7, 0xfe, 0xff, 0x0f]) LOCKABLE[op] = 2;

/**
 * Raises `#UD` unless the instruction after a LOCK prefix is a read-modify-write of
 * memory that the SDM lists as lockable. Peeks at the bytes without consuming them.
 */
function checkLockable(cpu: Cpu, b: number): void {
  const kind = LOCKABLE[b]!;
  if (kind === 0) cpu.raiseUd();
  const eip = cpu.eip;
  let modrm: number;
  let ok: boolean;
  if (b === 0x0f) {
    const op2 = cpu.fetch8();
    modrm = cpu.fetch8();
    const reg = (modrm >> 3) & 7;
    ok =
      op2 === 0xab ||
      op2 === 0xb3 ||
      op2 === 0xbb ||
      op2 === 0xb0 ||
      op2 === 0xb1 ||
      op2 === 0xc0 ||
      op2 === 0xc1 ||
      (op2 === 0xba && reg >= 5) ||
      (op2 === 0xc7 && reg === 1);
  } else {
    modrm = cpu.fetch8();
    const reg = (modrm >> 3) & 7;
    if (kind === 1) ok = true;
    else if (b <= 0x83) ok = reg !== 7;
    else if (b >= 0xfe) ok = reg <= 1;
    else ok = reg === 2 || reg === 3;
  }
  cpu.eip = eip;
  if (!ok || modrm >= 0xc0) cpu.raiseUd();
}

function aluOpcode(cpu: Cpu, b: number): void {
  const op = b >> 3;
  switch (b & 7) {
    case 0:
      aluRmReg(cpu, op, 8);
      return;
    case 1:
      if (cpu.op32) {
        const m = fetchModrm(cpu);
        const src = cpu.regs[(m >> 3) & 7]!;
        if (m >= 0xc0) {
          const r = alu32(cpu, op, cpu.regs[m & 7]!, src);
          if (op !== 7) cpu.regs[m & 7] = r;
        } else aluRmValue(cpu, op, 32, src);
      } else aluRmReg(cpu, op, 16);
      return;
    case 2: {
      const m = fetchModrm(cpu);
      const reg = reg8Index((m >> 3) & 7);
      const r = alu(cpu, op, cpu.regs8[reg]!, readRm8(cpu), 8);
      if (op !== 7) cpu.regs8[reg] = r;
      return;
    }
    case 3: {
      const m = fetchModrm(cpu);
      const reg = (m >> 3) & 7;
      if (cpu.op32) {
        const r = alu32(cpu, op, cpu.regs[reg]!, readRm32(cpu));
        if (op !== 7) cpu.regs[reg] = r;
      } else {
        const r = alu(cpu, op, cpu.regs16[reg << 1]!, readRm16(cpu), 16);
        if (op !== 7) cpu.regs16[reg << 1] = r;
      }
      return;
    }
    case 4: {
      const r = alu(cpu, op, cpu.regs8[0]!, cpu.fetch8(), 8);
      if (op !== 7) cpu.regs8[0] = r;
      return;
    }
    default: {
      if (cpu.op32) {
        const r = alu(cpu, op, cpu.regs[0]!, cpu.fetch32(), 32);
        if (op !== 7) cpu.regs[0] = r;
      } else {
        const r = alu(cpu, op, cpu.regs16[0]!, cpu.fetch16(), 16);
        if (op !== 7) cpu.regs16[0] = r;
      }
    }
  }
}

/** `op r/m, reg` at `size` bits. */
function aluRmReg(cpu: Cpu, op: number, size: number): void {
  const m = fetchModrm(cpu);
  const src = getReg(cpu, (m >> 3) & 7, size);
  aluRmValue(cpu, op, size, src);
}

/** `op r/m, value` where the r/m operand has already been decoded. */
function aluRmValue(cpu: Cpu, op: number, size: number, src: number): void {
  const m = cpu.modrm;
  if (m >= 0xc0 && size === 32) {
    const r = alu32(cpu, op, cpu.regs[m & 7]!, src);
    if (op !== 7) cpu.regs[m & 7] = r;
  } else if (m >= 0xc0) {
    const rm = m & 7;
    const r = alu(cpu, op, getReg(cpu, rm, size), src, size);
    if (op !== 7) setReg(cpu, rm, size, r);
  } else if (op === 7) {
    alu(cpu, op, readRm(cpu, size), src, size);
  } else {
    const lin = rmwLinear(cpu, size >> 3);
    const r = alu(cpu, op, readLinSized(cpu, lin, size), src, size);
    writeLinSized(cpu, lin, size, r);
  }
}

/**
 * The EIP a near branch to `t` sets: truncated to 16 bits with a 16-bit operand size,
 * and checked against the CS limit (`#GP(0)` at the branch, before any state changes).
 */
export function nearTarget(cpu: Cpu, t: number): number {
  const target = cpu.op32 ? t : t & 0xffff;
  if (target >>> 0 > cpu.segLimit[SegReg.CS]!) cpu.raise(Vector.GP, 0);
  return target;
}

/** Relative jump by `rel`. */
function jumpRel(cpu: Cpu, rel: number): void {
  cpu.eip = nearTarget(cpu, (cpu.eip + rel) | 0);
}

/** Group 1 (80–83): `op r/m, imm` (82 is an alias of 80). */
function aluImmediate(cpu: Cpu, b: number): void {
  const m = fetchModrm(cpu);
  if (b === 0x83) aluRmValue(cpu, (m >> 3) & 7, cpu.op32 ? 32 : 16, cpu.fetchS8());
  else if (b === 0x81) aluRmValue(cpu, (m >> 3) & 7, cpu.op32 ? 32 : 16, cpu.fetchImmV());
  else aluRmValue(cpu, (m >> 3) & 7, 8, immAfterModrm8(cpu));
}

/** `mov r/m, reg` and `mov reg, r/m` (88–8B). */
function movRmReg(cpu: Cpu, b: number): void {
  const m = fetchModrm(cpu);
  const reg = (m >> 3) & 7;
  switch (b) {
    case 0x88:
      writeRm8(cpu, cpu.regs8[reg8Index(reg)]!);
      return;
    case 0x89:
      if (cpu.op32) writeRm32(cpu, cpu.regs[reg]!);
      else writeRm16(cpu, cpu.regs16[reg << 1]!);
      return;
    case 0x8a:
      cpu.regs8[reg8Index(reg)] = readRm8(cpu);
      return;
    default:
      if (cpu.op32) cpu.regs[reg] = readRm32(cpu);
      else cpu.regs16[reg << 1] = readRm16(cpu);
  }
}

/** `push reg` (50–57) and `pop reg` (58–5F). */
function pushPopReg(cpu: Cpu, b: number): void {
  const r = b & 7;
  if (b < 0x58) {
    if (cpu.op32) cpu.push32(cpu.regs[r]!);
    else cpu.push16(cpu.regs16[r << 1]!);
  } else if (cpu.op32) cpu.regs[r] = cpu.pop32();
  else cpu.regs16[r << 1] = cpu.pop16();
}

/** Group 2 (C0 C1 D0–D3): shifts and rotates by imm8, 1 or CL. */
function shiftOpcode(cpu: Cpu, b: number): void {
  const m = fetchModrm(cpu);
  const size = b & 1 ? (cpu.op32 ? 32 : 16) : 8;
  groupShift(cpu, (m >> 3) & 7, size, b < 0xd0 ? -1 : b < 0xd2 ? 1 : cpu.regs8[4]! /* CL */);
}

/** `jcc rel8` (70–7F). */
function jccShort(cpu: Cpu, b: number): void {
  const rel = cpu.fetchS8();
  if (testCondition(cpu, b & 0xf)) jumpRel(cpu, rel);
}

/** Counter register of loop/jcxz (CX or ECX by address size). */
function decCounter(cpu: Cpu): number {
  if (cpu.addr32) return (cpu.regs[1] = (cpu.regs[1]! - 1) | 0);
  return (cpu.regs16[2] = cpu.regs16[2]! - 1);
}

function checkIopl(cpu: Cpu): void {
  // cli/sti: protected mode needs CPL <= IOPL; virtual-8086 mode needs IOPL 3.
  if ((cpu.cr0 & Cr0.PE) === 0) return;
  const iopl = (cpu.flags >>> 12) & 3;
  if (cpu.flags & Eflags.VM ? iopl !== 3 : cpu.cpl > iopl) cpu.raise(Vector.GP, 0);
}

function executeOpcode(cpu: Cpu, b: number): void {
  if (b < 0x40 && (b & 7) < 6) {
    aluOpcode(cpu, b);
    return;
  }
  const regs = cpu.regs;
  switch (b) {
    case 0x06:
      cpu.pushV(cpu.segSel[SegReg.ES]!);
      return;
    case 0x07:
      popSeg(cpu, SegReg.ES);
      return;
    case 0x0e:
      cpu.pushV(cpu.segSel[SegReg.CS]!);
      return;
    case 0x0f:
      execute0f(cpu);
      return;
    case 0x16:
      cpu.pushV(cpu.segSel[SegReg.SS]!);
      return;
    case 0x17:
      popSeg(cpu, SegReg.SS);
      cpu.requestInterruptPoll(true);
      return;
    case 0x1e:
      cpu.pushV(cpu.segSel[SegReg.DS]!);
      return;
    case 0x1f:
      popSeg(cpu, SegReg.DS);
      return;
    case 0x27:
    case 0x2f:
    case 0x37:
    case 0x3f:
      adjust(cpu, b);
      return;
    case 0x40:
    case 0x41:
    case 0x42:
    case 0x43:
    case 0x44:
    case 0x45:
    case 0x46:
    case 0x47:
      if (cpu.op32) regs[b & 7] = inc(cpu, regs[b & 7]!, 32);
      else cpu.regs16[(b & 7) << 1] = inc(cpu, cpu.regs16[(b & 7) << 1]!, 16);
      return;
    case 0x48:
    case 0x49:
    case 0x4a:
    case 0x4b:
    case 0x4c:
    case 0x4d:
    case 0x4e:
    case 0x4f:
      if (cpu.op32) regs[b & 7] = dec(cpu, regs[b & 7]!, 32);
      else cpu.regs16[(b & 7) << 1] = dec(cpu, cpu.regs16[(b & 7) << 1]!, 16);
      return;
    case 0x50:
    case 0x51:
    case 0x52:
    case 0x53:
    case 0x54:
    case 0x55:
    case 0x56:
    case 0x57:
    case 0x58:
    case 0x59:
    case 0x5a:
    case 0x5b:
    case 0x5c:
    case 0x5d:
    case 0x5e:
    case 0x5f:
      pushPopReg(cpu, b);
      return;
    case 0x60:
      pusha(cpu);
      return;
    case 0x61:
      popa(cpu);
      return;
    case 0x62:
      bound(cpu);
      return;
    case 0x63:
      arpl(cpu);
      return;
    case 0x68:
      cpu.pushV(cpu.fetchImmV());
      return;
    case 0x69:
    case 0x6b: {
      const m = fetchModrm(cpu);
      const size = cpu.op32 ? 32 : 16;
      const a = readRm(cpu, size);
      const imm = b === 0x69 ? cpu.fetchImmV() : cpu.fetchS8();
      setReg(cpu, (m >> 3) & 7, size, imul2(cpu, a, imm, size));
      return;
    }
    case 0x6a:
      cpu.pushV(cpu.fetchS8());
      return;
    case 0x6c:
    case 0x6d:
    case 0x6e:
    case 0x6f:
    case 0xa4:
    case 0xa5:
    case 0xa6:
    case 0xa7:
    case 0xaa:
    case 0xab:
    case 0xac:
    case 0xad:
    case 0xae:
    case 0xaf:
      stringInstruction(cpu, b);
      return;
    case 0x70:
    case 0x71:
    case 0x72:
    case 0x73:
    case 0x74:
    case 0x75:
    case 0x76:
    case 0x77:
    case 0x78:
    case 0x79:
    case 0x7a:
    case 0x7b:
    case 0x7c:
    case 0x7d:
    case 0x7e:
    case 0x7f:
      jccShort(cpu, b);
      return;
    case 0x80:
    case 0x81:
    case 0x82:
    case 0x83:
      aluImmediate(cpu, b);
      return;
    case 0x84: {
      const m = fetchModrm(cpu);
      logic(cpu, readRm8(cpu) & cpu.regs8[reg8Index((m >> 3) & 7)]!, 8);
      return;
    }
    case 0x85: {
      const m = fetchModrm(cpu);
      const size = cpu.op32 ? 32 : 16;
      logic(cpu, readRm(cpu, size) & getReg(cpu, (m >> 3) & 7, size), size);
      return;
    }
    case 0x86:
    case 0x87: {
      const m = fetchModrm(cpu);
      const size = b === 0x86 ? 8 : cpu.op32 ? 32 : 16;
      const reg = (m >> 3) & 7;
      if (m >= 0xc0) {
        const t = getReg(cpu, m & 7, size);
        setReg(cpu, m & 7, size, getReg(cpu, reg, size));
        setReg(cpu, reg, size, t);
      } else {
        const lin = rmwLinear(cpu, size >> 3);
        const t = readLinSized(cpu, lin, size);
        writeLinSized(cpu, lin, size, getReg(cpu, reg, size));
        setReg(cpu, reg, size, t);
      }
      return;
    }
    case 0x88:
    case 0x89:
    case 0x8a:
    case 0x8b:
      movRmReg(cpu, b);
      return;
    case 0x8c: {
      const m = fetchModrm(cpu);
      const sreg = (m >> 3) & 7;
      if (sreg > 5) cpu.raiseUd();
      const sel = cpu.segSel[sreg]!;
      // A register destination with 32-bit operand size zero-extends; memory stores 16 bits.
      if (m >= 0xc0 && cpu.op32) regs[m & 7] = sel;
      else writeRm16(cpu, sel);
      return;
    }
    case 0x8d: {
      const m = fetchModrm(cpu);
      if (m >= 0xc0) cpu.raiseUd();
      setReg(cpu, (m >> 3) & 7, cpu.op32 ? 32 : 16, cpu.ea);
      return;
    }
    case 0x8e: {
      const m = fetchModrm(cpu);
      const sreg = (m >> 3) & 7;
      if (sreg === SegReg.CS || sreg > 5) cpu.raiseUd();
      loadSegment(cpu, sreg, readRm16(cpu));
      if (sreg === SegReg.SS) cpu.requestInterruptPoll(true);
      return;
    }
    case 0x8f: {
      // pop r/m: ESP is incremented before the destination address is used.
      const v = cpu.popV();
      const sp = cpu.regs[4]!;
      try {
        fetchModrm(cpu);
        writeRmV(cpu, v);
      } catch (e) {
        cpu.regs[4] = (sp - (cpu.op32 ? 4 : 2)) | 0;
        throw e;
      }
      return;
    }
    case 0x90:
      return;
    case 0x91:
    case 0x92:
    case 0x93:
    case 0x94:
    case 0x95:
    case 0x96:
    case 0x97: {
      const r = b & 7;
      if (cpu.op32) {
        const t = regs[0]!;
        regs[0] = regs[r]!;
        regs[r] = t;
      } else {
        const t = cpu.regs16[0]!;
        cpu.regs16[0] = cpu.regs16[r << 1]!;
        cpu.regs16[r << 1] = t;
      }
      return;
    }
    case 0x98:
      if (cpu.op32) regs[0] = (regs[0]! << 16) >> 16;
      else cpu.regs16[0] = (regs[0]! << 24) >> 24;
      return;
    case 0x99:
      if (cpu.op32) regs[2] = regs[0]! >> 31;
      else cpu.regs16[4] = (regs[0]! << 16) >> 31;
      return;
    case 0x9a: {
      const off = cpu.fetchImmV();
      const sel = cpu.fetch16();
      farCall(cpu, sel, cpu.op32 ? off : off & 0xffff);
      return;
    }
    case 0x9b:
      fwait(cpu);
      return;
    case 0x9c: {
      if (cpu.flags & Eflags.VM && (cpu.flags & Eflags.IOPL) !== Eflags.IOPL)
        cpu.raise(Vector.GP, 0);
      // VM and RF read as 0 in the pushed image.
      cpu.pushV(cpu.getEflags() & 0xfcffff);
      return;
    }
    case 0x9d: {
      if (cpu.flags & Eflags.VM && (cpu.flags & Eflags.IOPL) !== Eflags.IOPL)
        cpu.raise(Vector.GP, 0);
      const v = cpu.popV();
      let mask = writableFlagMask(cpu, cpu.op32);
      if (cpu.flags & Eflags.VM) mask &= ~Eflags.IOPL;
      writeFlags(cpu, v, mask);
      return;
    }
    case 0x9e: {
      materializeFlags(cpu);
      cpu.flags = (cpu.flags & ~0xd5) | (cpu.regs8[1]! & 0xd5) | 2;
      return;
    }
    case 0x9f:
      cpu.regs8[1] = (cpu.getEflags() & 0xd5) | 2;
      return;
    case 0xa0:
    case 0xa1:
    case 0xa2:
    case 0xa3: {
      const off = cpu.addr32 ? cpu.fetch32() : cpu.fetch16();
      const seg = cpu.segOverride >= 0 ? cpu.segOverride : SegReg.DS;
      const size = b & 1 ? (cpu.op32 ? 32 : 16) : 8;
      if (b < 0xa2) {
        const v =
          size === 32
            ? cpu.read32(seg, off)
            : size === 16
              ? cpu.read16(seg, off)
              : cpu.read8(seg, off);
        setReg(cpu, 0, size, v);
      } else {
        const v = getReg(cpu, 0, size);
        if (size === 32) cpu.write32(seg, off, v);
        else if (size === 16) cpu.write16(seg, off, v);
        else cpu.write8(seg, off, v);
      }
      return;
    }
    case 0xa8:
      logic(cpu, cpu.regs8[0]! & cpu.fetch8(), 8);
      return;
    case 0xa9:
      if (cpu.op32) logic(cpu, regs[0]! & cpu.fetch32(), 32);
      else logic(cpu, cpu.regs16[0]! & cpu.fetch16(), 16);
      return;
    case 0xb0:
    case 0xb1:
    case 0xb2:
    case 0xb3:
    case 0xb4:
    case 0xb5:
    case 0xb6:
    case 0xb7:
      cpu.regs8[reg8Index(b & 7)] = cpu.fetch8();
      return;
    case 0xb8:
    case 0xb9:
    case 0xba:
    case 0xbb:
    case 0xbc:
    case 0xbd:
    case 0xbe:
    case 0xbf:
      if (cpu.op32) regs[b & 7] = cpu.fetch32();
      else cpu.regs16[(b & 7) << 1] = cpu.fetch16();
      return;
    case 0xc0:
    case 0xc1:
    case 0xd0:
    case 0xd1:
    case 0xd2:
    case 0xd3:
      shiftOpcode(cpu, b);
      return;
    case 0xc2:
    case 0xc3: {
      const n = b === 0xc2 ? cpu.fetch16() : 0;
      // Check the target before releasing the stack, so a #GP leaves ESP unchanged.
      const sp = cpu.getSp();
      const t = nearTarget(cpu, cpu.op32 ? cpu.read32(SegReg.SS, sp) : cpu.read16(SegReg.SS, sp));
      cpu.setSp((sp + (cpu.op32 ? 4 : 2) + n) | 0);
      cpu.eip = t;
      return;
    }
    case 0xc4:
    case 0xc5: {
      const m = fetchModrm(cpu);
      if (m >= 0xc0) cpu.raiseUd();
      const off = cpu.op32 ? cpu.read32(cpu.eaSeg, cpu.ea) : cpu.read16(cpu.eaSeg, cpu.ea);
      const sel = cpu.read16(cpu.eaSeg, (cpu.ea + (cpu.op32 ? 4 : 2)) | 0);
      loadSegment(cpu, b === 0xc4 ? SegReg.ES : SegReg.DS, sel);
      setReg(cpu, (m >> 3) & 7, cpu.op32 ? 32 : 16, off);
      return;
    }
    case 0xc6: {
      const m = fetchModrm(cpu);
      if ((m & 0x38) !== 0) cpu.raiseUd();
      writeRm8(cpu, cpu.fetch8());
      return;
    }
    case 0xc7: {
      const m = fetchModrm(cpu);
      if ((m & 0x38) !== 0) cpu.raiseUd();
      writeRmV(cpu, cpu.fetchImmV());
      return;
    }
    case 0xc8:
      enter(cpu);
      return;
    case 0xc9: {
      const bp = cpu.stack32 ? regs[5]! : cpu.regs16[10]!;
      const v = cpu.op32 ? cpu.read32(SegReg.SS, bp) : cpu.read16(SegReg.SS, bp);
      cpu.setSp((bp + (cpu.op32 ? 4 : 2)) | 0);
      setReg(cpu, 5, cpu.op32 ? 32 : 16, v);
      return;
    }
    case 0xca:
    case 0xcb:
      farReturn(cpu, b === 0xca ? cpu.fetch16() : 0);
      return;
    case 0xcc:
      deliverSoftware(cpu, Vector.BP);
      return;
    case 0xcd:
      deliverSoftware(cpu, cpu.fetch8());
      return;
    case 0xce:
      if (testCondition(cpu, 0)) deliverSoftware(cpu, Vector.OF);
      return;
    case 0xcf:
      iret(cpu);
      return;
    case 0xd4:
    case 0xd5:
    case 0xd6:
      adjust(cpu, b);
      return;
    case 0xd7: {
      const seg = cpu.segOverride >= 0 ? cpu.segOverride : SegReg.DS;
      const off = cpu.addr32
        ? (regs[3]! + cpu.regs8[0]!) | 0
        : (cpu.regs16[6]! + cpu.regs8[0]!) & 0xffff;
      cpu.regs8[0] = cpu.read8(seg, off);
      return;
    }
    case 0xd8:
    case 0xd9:
    case 0xda:
    case 0xdb:
    case 0xdc:
    case 0xdd:
    case 0xde:
    case 0xdf:
      escape(cpu, b);
      return;
    case 0xe0:
    case 0xe1:
    case 0xe2: {
      const rel = cpu.fetchS8();
      const count = decCounter(cpu);
      if (count !== 0) {
        if (b === 0xe2 || (b === 0xe1) === testCondition(cpu, 4)) jumpRel(cpu, rel);
      }
      return;
    }
    case 0xe3: {
      const rel = cpu.fetchS8();
      if ((cpu.addr32 ? regs[1]! : cpu.regs16[2]!) === 0) jumpRel(cpu, rel);
      return;
    }
    case 0xe4:
    case 0xe5: {
      const port = cpu.fetch8();
      inPort(cpu, port, b === 0xe4 ? 8 : cpu.op32 ? 32 : 16);
      return;
    }
    case 0xe6:
    case 0xe7: {
      const port = cpu.fetch8();
      outPort(cpu, port, b === 0xe6 ? 8 : cpu.op32 ? 32 : 16);
      return;
    }
    case 0xe8: {
      const rel = cpu.fetchImmV();
      const t = nearTarget(cpu, (cpu.eip + rel) | 0);
      cpu.pushV(cpu.eip);
      cpu.eip = t;
      return;
    }
    case 0xe9:
      jumpRel(cpu, cpu.fetchImmV());
      return;
    case 0xea: {
      const off = cpu.fetchImmV();
      const sel = cpu.fetch16();
      farJump(cpu, sel, cpu.op32 ? off : off & 0xffff);
      return;
    }
    case 0xeb:
      jumpRel(cpu, cpu.fetchS8());
      return;
    case 0xec:
    case 0xed:
      inPort(cpu, cpu.regs16[4]!, b === 0xec ? 8 : cpu.op32 ? 32 : 16);
      return;
    case 0xee:
    case 0xef:
      outPort(cpu, cpu.regs16[4]!, b === 0xee ? 8 : cpu.op32 ? 32 : 16);
      return;
    case 0xf1:
      // icebp / int1: a debug trap through vector 1 without the gate DPL check.
      deliverSoftwareDebug(cpu);
      return;
    case 0xf4:
      if (cpu.cpl !== 0) cpu.raise(Vector.GP, 0);
      cpu.halt();
      return;
    case 0xf5:
      materializeFlags(cpu);
      cpu.flags ^= Eflags.CF;
      return;
    case 0xf6:
    case 0xf7:
      group3(cpu, b === 0xf6 ? 8 : cpu.op32 ? 32 : 16);
      return;
    case 0xf8:
      materializeFlags(cpu);
      cpu.flags &= ~Eflags.CF;
      return;
    case 0xf9:
      materializeFlags(cpu);
      cpu.flags |= Eflags.CF;
      return;
    case 0xfa:
      checkIopl(cpu);
      cpu.flags &= ~Eflags.IF;
      return;
    case 0xfb:
      checkIopl(cpu);
      if ((cpu.flags & Eflags.IF) === 0) {
        cpu.flags |= Eflags.IF;
        cpu.requestInterruptPoll(true);
      }
      return;
    case 0xfc:
      cpu.flags &= ~Eflags.DF;
      return;
    case 0xfd:
      cpu.flags |= Eflags.DF;
      return;
    case 0xfe:
      group4(cpu);
      return;
    case 0xff:
      group5(cpu);
      return;
    default:
      cpu.raiseUd();
  }
}

/** Immediate byte of `80 /r ib` (read after the ModRM operand bytes). */
function immAfterModrm8(cpu: Cpu): number {
  return cpu.fetch8();
}

/** `icebp`: a #DB trap (EIP after the instruction) that skips the gate DPL check. */
function deliverSoftwareDebug(cpu: Cpu): void {
  deliverInterrupt(cpu, Vector.DB, InterruptKind.Exception, -1);
}

function popSeg(cpu: Cpu, seg: number): void {
  const sp = cpu.regs[4]!;
  const v = cpu.popV() & 0xffff;
  try {
    loadSegment(cpu, seg, v);
  } catch (e) {
    cpu.regs[4] = sp;
    throw e;
  }
}

function bound(cpu: Cpu): void {
  const m = fetchModrm(cpu);
  if (m >= 0xc0) cpu.raiseUd();
  const reg = (m >> 3) & 7;
  if (cpu.op32) {
    const lo = cpu.read32(cpu.eaSeg, cpu.ea);
    const hi = cpu.read32(cpu.eaSeg, (cpu.ea + 4) | 0);
    const v = cpu.regs[reg]!;
    if (v < lo || v > hi) cpu.raise(Vector.BR, -1);
  } else {
    const lo = (cpu.read16(cpu.eaSeg, cpu.ea) << 16) >> 16;
    const hi =
      (cpu.read16(cpu.eaSeg, cpu.addr32 ? (cpu.ea + 2) | 0 : (cpu.ea + 2) & 0xffff) << 16) >> 16;
    const v = (cpu.regs16[reg << 1]! << 16) >> 16;
    if (v < lo || v > hi) cpu.raise(Vector.BR, -1);
  }
}

function arpl(cpu: Cpu): void {
  if ((cpu.cr0 & Cr0.PE) === 0 || cpu.flags & Eflags.VM) cpu.raiseUd();
  const m = fetchModrm(cpu);
  const src = cpu.regs16[((m >> 3) & 7) << 1]!;
  materializeFlags(cpu);
  if (m >= 0xc0) {
    const d = cpu.regs16[(m & 7) << 1]!;
    if ((d & 3) < (src & 3)) {
      cpu.regs16[(m & 7) << 1] = (d & ~3) | (src & 3);
      cpu.flags |= Eflags.ZF;
    } else cpu.flags &= ~Eflags.ZF;
    return;
  }
  const lin = rmwLinear(cpu, 2);
  const d = cpu.readLin16(lin);
  if ((d & 3) < (src & 3)) {
    cpu.writeLin16(lin, (d & ~3) | (src & 3));
    cpu.flags |= Eflags.ZF;
  } else cpu.flags &= ~Eflags.ZF;
}
