/**
 * The eight ALU operations in ModRM `/reg` order (ADD OR ADC SBB AND SUB XOR CMP), plus
 * INC, DEC and NEG. Each records its lazy flags on the CPU and returns the masked result.
 */
import type { Cpu } from "./cpu.js";
import { FlagOp, getCf, sizeMask } from "./flags.js";

/** ALU operation numbers in `/reg` order. */
export const AluOp = { ADD: 0, OR: 1, ADC: 2, SBB: 3, AND: 4, SUB: 5, XOR: 6, CMP: 7 } as const;

/**
 * Computes `a op b` at `size` bits (operands any int), records flags and returns the
 * masked result (int32 at 32 bits; see `flags.ts`). For CMP the result is that of SUB (the caller does not store it).
 */
export function alu(cpu: Cpu, op: number, a: number, b: number, size: number): number {
  const m = sizeMask(size);
  a &= m;
  b &= m;
  let r: number;
  let kind: number;
  switch (op) {
    case 0:
      r = (a + b) & m;
      kind = FlagOp.Add;
      break;
    case 1:
      r = a | b;
      kind = FlagOp.Logic;
      break;
    case 2: {
      const c = getCf(cpu);
      cpu.flagCf = c;
      r = (a + b + c) & m;
      kind = FlagOp.Adc;
      break;
    }
    case 3: {
      const c = getCf(cpu);
      cpu.flagCf = c;
      r = (a - b - c) & m;
      kind = FlagOp.Sbb;
      break;
    }
    case 4:
      r = a & b;
      kind = FlagOp.Logic;
      break;
    case 6:
      r = a ^ b;
      kind = FlagOp.Logic;
      break;
    default:
      r = (a - b) & m;
      kind = FlagOp.Sub;
      break;
  }
  cpu.flagOp = kind;
  cpu.flagA = a;
  cpu.flagB = b;
  cpu.flagRes = r;
  cpu.flagSize = size;
  return r;
}

/** {@link alu} specialized for 32-bit operands (the hot path). */
export function alu32(cpu: Cpu, op: number, a: number, b: number): number {
  a |= 0;
  b |= 0;
  let r: number;
  switch (op) {
    case 0:
      r = (a + b) | 0;
      cpu.flagOp = FlagOp.Add;
      break;
    case 1:
      r = a | b;
      cpu.flagOp = FlagOp.Logic;
      break;
    case 4:
      r = a & b;
      cpu.flagOp = FlagOp.Logic;
      break;
    case 6:
      r = a ^ b;
      cpu.flagOp = FlagOp.Logic;
      break;
    case 5:
    case 7:
      r = (a - b) | 0;
      cpu.flagOp = FlagOp.Sub;
      break;
    default:
      return alu(cpu, op, a, b, 32);
  }
  cpu.flagA = a;
  cpu.flagB = b;
  cpu.flagRes = r;
  cpu.flagSize = 32;
  return r;
}

/** 32-bit ADD with flags (hot path). */
export function add32(cpu: Cpu, a: number, b: number): number {
  a |= 0;
  b |= 0;
  const r = (a + b) | 0;
  cpu.flagOp = FlagOp.Add;
  cpu.flagA = a;
  cpu.flagB = b;
  cpu.flagRes = r;
  cpu.flagSize = 32;
  return r;
}

/** 32-bit SUB/CMP with flags (hot path). */
export function sub32(cpu: Cpu, a: number, b: number): number {
  a |= 0;
  b |= 0;
  const r = (a - b) | 0;
  cpu.flagOp = FlagOp.Sub;
  cpu.flagA = a;
  cpu.flagB = b;
  cpu.flagRes = r;
  cpu.flagSize = 32;
  return r;
}

/** Records flags of a logic result (AND/OR/XOR/TEST) and returns it masked. */
export function logic(cpu: Cpu, r: number, size: number): number {
  r &= sizeMask(size);
  cpu.flagOp = FlagOp.Logic;
  cpu.flagRes = r;
  cpu.flagA = r;
  cpu.flagB = 0;
  cpu.flagSize = size;
  return r;
}

/** INC: flags like ADD 1, CF preserved. */
export function inc(cpu: Cpu, a: number, size: number): number {
  const cf = getCf(cpu);
  const m = sizeMask(size);
  a &= m;
  const r = (a + 1) & m;
  cpu.flagCf = cf;
  cpu.flagOp = FlagOp.Inc;
  cpu.flagA = a;
  cpu.flagB = 1;
  cpu.flagRes = r;
  cpu.flagSize = size;
  return r;
}

/** DEC: flags like SUB 1, CF preserved. */
export function dec(cpu: Cpu, a: number, size: number): number {
  const cf = getCf(cpu);
  const m = sizeMask(size);
  a &= m;
  const r = (a - 1) & m;
  cpu.flagCf = cf;
  cpu.flagOp = FlagOp.Dec;
  cpu.flagA = a;
  cpu.flagB = 1;
  cpu.flagRes = r;
  cpu.flagSize = size;
  return r;
}

/** NEG: 0 - a with SUB flags (CF = a ≠ 0). */
export function neg(cpu: Cpu, a: number, size: number): number {
  return alu(cpu, AluOp.SUB, 0, a, size);
}
