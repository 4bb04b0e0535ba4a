/**
 * The ModRM-selected opcode groups of the one-byte map: group 2 (shifts and rotates),
 * group 3 (test/not/neg/mul/imul/div/idiv), group 4 (inc/dec byte) and group 5
 * (inc/dec, near and far call/jmp, push).
 */
import { dec, inc, logic, neg } from "./alu.js";
import type { Cpu } from "./cpu.js";
import { reg8Index } from "./cpu.js";
import { nearTarget } from "./execute.js";
import { farCall, farJump } from "./far-transfer.js";
import {
  fetchModrm,
  getReg,
  readLinSized,
  readRm,
  readRmV,
  rmwLinear,
  setReg,
  writeLinSized,
} from "./modrm.js";
import { div, idiv, imul1, mul } from "./muldiv.js";
import { shift, shift32 } from "./shift.js";

/** Group 2 (C0 C1 D0–D3): shift or rotate `r/m` by `count` (-1: an imm8 follows). */
export function groupShift(cpu: Cpu, op: number, size: number, count: number): void {
  if (cpu.modrm >= 0xc0) {
    if (count < 0) count = cpu.fetch8();
    const rm = cpu.modrm & 7;
    if (size === 32) {
      // A zero count changes neither the register nor the flags.
      if ((count & 0x1f) !== 0) cpu.regs[rm] = shift32(cpu, op, cpu.regs[rm]!, count & 0x1f);
      return;
    }
    setReg(cpu, rm, size, shift(cpu, op, getReg(cpu, rm, size), count, size));
    return;
  }
  if (count < 0) count = cpu.fetch8();
  const lin = rmwLinear(cpu, size >> 3);
  writeLinSized(cpu, lin, size, shift(cpu, op, readLinSized(cpu, lin, size), count, size));
}

/** Group 3 (F6 F7): test, not, neg, mul, imul, div, idiv on `r/m`. */
export function group3(cpu: Cpu, size: number): void {
  const m = fetchModrm(cpu);
  const op = (m >> 3) & 7;
  switch (op) {
    case 0:
    case 1: {
      const v = readRm(cpu, size);
      const imm = size === 8 ? cpu.fetch8() : size === 16 ? cpu.fetch16() : cpu.fetch32();
      logic(cpu, v & imm, size);
      return;
    }
    case 2:
    case 3: {
      if (m >= 0xc0) {
        const v = getReg(cpu, m & 7, size);
        setReg(cpu, m & 7, size, op === 2 ? ~v : neg(cpu, v, size));
      } else {
        const lin = rmwLinear(cpu, size >> 3);
        const v = readLinSized(cpu, lin, size);
        writeLinSized(cpu, lin, size, op === 2 ? ~v : neg(cpu, v, size));
      }
      return;
    }
    case 4:
      mul(cpu, readRm(cpu, size), size);
      return;
    case 5:
      imul1(cpu, readRm(cpu, size), size);
      return;
    case 6:
      div(cpu, readRm(cpu, size), size);
      return;
    default:
      idiv(cpu, readRm(cpu, size), size);
  }
}

/** Group 4 (FE): inc/dec of an 8-bit `r/m`. */
export function group4(cpu: Cpu): void {
  const m = fetchModrm(cpu);
  const op = (m >> 3) & 7;
  if (op > 1) cpu.raiseUd();
  if (m >= 0xc0) {
    const r = cpu.regs8[reg8Index(m & 7)]!;
    cpu.regs8[reg8Index(m & 7)] = op === 0 ? inc(cpu, r, 8) : dec(cpu, r, 8);
    return;
  }
  const lin = rmwLinear(cpu, 1);
  const v = cpu.readLin8(lin);
  cpu.writeLin8(lin, op === 0 ? inc(cpu, v, 8) : dec(cpu, v, 8));
}

/** Group 5 (FF): inc, dec, near and far call/jmp through `r/m`, push `r/m`. */
export function group5(cpu: Cpu): void {
  const m = fetchModrm(cpu);
  const op = (m >> 3) & 7;
  const size = cpu.op32 ? 32 : 16;
  switch (op) {
    case 0:
    case 1: {
      if (m >= 0xc0) {
        const v = getReg(cpu, m & 7, size);
        setReg(cpu, m & 7, size, op === 0 ? inc(cpu, v, size) : dec(cpu, v, size));
      } else {
        const lin = rmwLinear(cpu, size >> 3);
        const v = readLinSized(cpu, lin, size);
        writeLinSized(cpu, lin, size, op === 0 ? inc(cpu, v, size) : dec(cpu, v, size));
      }
      return;
    }
    case 2: {
      const t = nearTarget(cpu, readRmV(cpu));
      cpu.pushV(cpu.eip);
      cpu.eip = t;
      return;
    }
    case 3:
    case 5: {
      if (m >= 0xc0) cpu.raiseUd();
      const off = cpu.op32 ? cpu.read32(cpu.eaSeg, cpu.ea) : cpu.read16(cpu.eaSeg, cpu.ea);
      const sel = cpu.read16(cpu.eaSeg, (cpu.ea + (cpu.op32 ? 4 : 2)) | 0);
      if (op === 3) farCall(cpu, sel, off);
      else farJump(cpu, sel, off);
      return;
    }
    case 4:
      cpu.eip = nearTarget(cpu, readRmV(cpu));
      return;
    case 6:
      cpu.pushV(readRmV(cpu));
      return;
    default:
      cpu.raiseUd();
  }
}
