/**
 * Multi-register stack instructions: `pusha`/`popa` and `enter`, each checked so that a
 * fault leaves the stack pointer as it was.
 */
import { SegReg } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { setReg } from "./modrm.js";

const popaScratch = new Int32Array(8);

/** `pusha`/`pushad`: the whole frame is checked before anything is written. */
export function pusha(cpu: Cpu): void {
  const sp = cpu.regs[4]!;
  const size = cpu.op32 ? 4 : 2;
  // Check the whole frame first so a fault leaves ESP unchanged.
  const low = cpu.stack32 ? (sp - 8 * size) | 0 : (sp - 8 * size) & 0xffff;
  cpu.probeWrite(cpu.linWrite(SegReg.SS, low, 1), 1);
  cpu.probeWrite(cpu.linWrite(SegReg.SS, (low + 8 * size - 1) | 0, 1), 1);
  try {
    for (let r = 0; r < 8; r++) {
      const v = r === 4 ? sp : cpu.regs[r]!;
      cpu.pushV(v);
    }
  } catch (e) {
    cpu.regs[4] = sp;
    throw e;
  }
}

/** `popa`/`popad`: all values are read before any register changes (ESP skipped). */
export function popa(cpu: Cpu): void {
  const size = cpu.op32 ? 4 : 2;
  const sp = cpu.getSp();
  const vals = popaScratch;
  for (let i = 0; i < 8; i++) {
    const off = cpu.stack32 ? (sp + i * size) | 0 : (sp + i * size) & 0xffff;
    vals[7 - i] = cpu.op32 ? cpu.read32(SegReg.SS, off) : cpu.read16(SegReg.SS, off);
  }
  for (let r = 0; r < 8; r++) if (r !== 4) setReg(cpu, r, cpu.op32 ? 32 : 16, vals[r]!);
  cpu.setSp((sp + 8 * size) | 0);
}

/** `enter imm16, imm8`: builds a stack frame with `level` nested frame pointers. */
export function enter(cpu: Cpu): void {
  const frame = cpu.fetch16();
  const level = cpu.fetch8() & 0x1f;
  const size = cpu.op32 ? 4 : 2;
  const sp0 = cpu.regs[4]!;
  const bp0 = cpu.regs[5]!;
  try {
    cpu.pushV(bp0);
    const frameTemp = cpu.getSp();
    if (level > 0) {
      let bp = cpu.stack32 ? bp0 : bp0 & 0xffff;
      for (let i = 1; i < level; i++) {
        bp = cpu.stack32 ? (bp - size) | 0 : (bp - size) & 0xffff;
        cpu.pushV(cpu.op32 ? cpu.read32(SegReg.SS, bp) : cpu.read16(SegReg.SS, bp));
      }
      cpu.pushV(frameTemp);
    }
    const newSp = (cpu.getSp() - frame) | 0;
    // The new stack top must be writable, as on hardware.
    if (frame > 0)
      cpu.probeWrite(cpu.linWrite(SegReg.SS, cpu.stack32 ? newSp : newSp & 0xffff, 1), 1);
    setReg(cpu, 5, cpu.op32 ? 32 : 16, frameTemp);
    cpu.setSp(newSp);
  } catch (e) {
    cpu.regs[4] = sp0;
    cpu.regs[5] = bp0;
    throw e;
  }
}
