/**
 * Decimal and ASCII adjust instructions (DAA DAS AAA AAS AAM AAD) and the undocumented
 * SALC (D6), which P6 parts execute. Flags the SDM leaves undefined are: OF cleared for
 * DAA/DAS; SF, ZF, PF from AL for AAA/AAS; OF, AF, CF cleared for AAM/AAD.
 */
import { Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";
import { getAf, getCf, setArithFlags, szp } from "./flags.js";

const ALL = 0x8d5;

/** Executes the adjust instruction with opcode `opcode` (27 2F 37 3F D4 D5 D6). */
export function adjust(cpu: Cpu, opcode: number): void {
  const r8 = cpu.regs8;
  const al = r8[0]!;
  const cf = getCf(cpu);
  const af = getAf(cpu);
  switch (opcode) {
    case 0x27: {
      let v = al;
      let newCf = 0;
      let newAf = 0;
      if ((al & 0xf) > 9 || af) {
        v = (v + 6) & 0xff;
        newAf = 1;
      }
      if (al > 0x99 || cf) {
        v = (v + 0x60) & 0xff;
        newCf = 1;
      }
      r8[0] = v;
      setArithFlags(cpu, ALL, szp(v, 8) | newCf | (newAf << 4));
      return;
    }
    case 0x2f: {
      let v = al;
      let newCf = 0;
      let newAf = 0;
      if ((al & 0xf) > 9 || af) {
        newCf = cf | (v < 6 ? 1 : 0);
        v = (v - 6) & 0xff;
        newAf = 1;
      }
      if (al > 0x99 || cf) {
        v = (v - 0x60) & 0xff;
        newCf = 1;
      }
      r8[0] = v;
      setArithFlags(cpu, ALL, szp(v, 8) | newCf | (newAf << 4));
      return;
    }
    case 0x37:
    case 0x3f: {
      if ((al & 0xf) > 9 || af) {
        if (opcode === 0x37) {
          cpu.regs16[0] = cpu.regs16[0]! + 0x106;
        } else {
          cpu.regs16[0] = cpu.regs16[0]! - 6;
          r8[1] = r8[1]! - 1;
        }
        r8[0] = r8[0]! & 0xf;
        setArithFlags(cpu, ALL, szp(r8[0]!, 8) | 0x11);
      } else {
        r8[0] = al & 0xf;
        setArithFlags(cpu, ALL, szp(r8[0]!, 8));
      }
      return;
    }
    case 0xd4: {
      const base = cpu.fetch8();
      if (base === 0) cpu.raise(Vector.DE, -1);
      r8[1] = Math.floor(al / base);
      r8[0] = al % base;
      setArithFlags(cpu, ALL, szp(r8[0]!, 8));
      return;
    }
    case 0xd5: {
      const base = cpu.fetch8();
      const v = (al + r8[1]! * base) & 0xff;
      cpu.regs16[0] = v;
      setArithFlags(cpu, ALL, szp(v, 8));
      return;
    }
    default:
      r8[0] = cf ? 0xff : 0;
  }
}
