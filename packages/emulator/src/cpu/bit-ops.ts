/**
 * Bit instructions of the 0F map: BT BTS BTR BTC (register and immediate bit offsets),
 * BSF/BSR (and `rep bsf`, which a P6 executes as BSF), BSWAP. BT* change only CF;
 * BSF/BSR change only ZF (other flags are undefined by the SDM and left as they were).
 */
import type { Cpu } from "./cpu.js";
import { materializeFlags } from "./flags.js";
import { fetchModrm, getReg, readRm, rmwLinear, setReg } from "./modrm.js";

/**
 * BT family. `op`: 0 BT, 1 BTS, 2 BTR, 3 BTC. `immediate`: the bit offset is an imm8
 * (masked to the operand size) rather than a register (signed, may address beyond the
 * operand in memory).
 */
export function bitTest(cpu: Cpu, op: number, immediate: boolean): void {
  const size = cpu.op32 ? 32 : 16;
  const m = immediate ? cpu.modrm : fetchModrm(cpu);
  let offset: number;
  if (immediate) offset = cpu.fetch8() & (size - 1);
  else {
    const r = getReg(cpu, (m >> 3) & 7, size);
    offset = size === 32 ? r | 0 : (r << 16) >> 16;
  }
  let value: number;
  let lin = 0;
  const bit = offset & (size - 1);
  if (m >= 0xc0) {
    value = getReg(cpu, m & 7, size);
  } else {
    if (!immediate) {
      const disp = (offset >> (size === 32 ? 5 : 4)) * (size >> 3);
      cpu.ea = cpu.addr32 ? (cpu.ea + disp) | 0 : (cpu.ea + disp) & 0xffff;
    }
    if (op === 0) {
      value = readRm(cpu, size);
    } else {
      lin = rmwLinear(cpu, size >> 3);
      value = size === 32 ? cpu.readLin32(lin) : cpu.readLin16(lin);
    }
  }
  const cf = (value >>> bit) & 1;
  materializeFlags(cpu);
  cpu.flags = (cpu.flags & ~1) | cf;
  if (op === 0) return;
  const mask = 1 << bit;
  const nv = op === 1 ? value | mask : op === 2 ? value & ~mask : value ^ mask;
  if (m >= 0xc0) setReg(cpu, m & 7, size, nv);
  else if (size === 32) cpu.writeLin32(lin, nv);
  else cpu.writeLin16(lin, nv);
}

/** BSF (`reverse` false) or BSR: index of the lowest/highest set bit; ZF=1 when zero. */
export function bitScan(cpu: Cpu, reverse: boolean): void {
  const size = cpu.op32 ? 32 : 16;
  const m = fetchModrm(cpu);
  const v = readRm(cpu, size) & (size === 32 ? -1 : 0xffff);
  materializeFlags(cpu);
  if (v === 0) {
    cpu.flags |= 0x40;
    return;
  }
  cpu.flags &= ~0x40;
  const index = reverse ? 31 - Math.clz32(v) : 31 - Math.clz32(v & -v);
  setReg(cpu, (m >> 3) & 7, size, index);
}

/** BSWAP r32 (with a 16-bit operand size the result is undefined; this clears the register's low word, as P6 parts do). */
export function bswap(cpu: Cpu, reg: number): void {
  if (!cpu.op32) {
    cpu.regs16[reg << 1] = 0;
    return;
  }
  const v = cpu.regs[reg]!;
  cpu.regs[reg] = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}
