/**
 * The CPU side of the x87 seam: `#NM` checks for ESC (D8–DF) and `wait`, decoding of the
 * memory operand's linear address, and the call into {@link Fpu.execute} with one reused
 * {@link FpuInstructionContext}.
 */
import { Cr0, Eflags, SegReg, Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";
import type { FpuInstructionContext } from "./fpu-interface.js";
import { fetchModrm } from "./modrm.js";

const ctx: FpuInstructionContext = {
  opcode: 0,
  modrm: 0,
  linear: -1,
  operandSize: 32,
  realMode: false,
  cs: 0,
  eip: 0,
  dataSelector: 0,
  dataOffset: 0,
};

/** Executes an ESC opcode (`opcode` 0xD8..0xDF); the ModRM byte follows in the stream. */
export function escape(cpu: Cpu, opcode: number): void {
  const m = fetchModrm(cpu);
  if (cpu.cr0 & (Cr0.EM | Cr0.TS) || cpu.fpu === null) cpu.raise(Vector.NM, -1);
  ctx.opcode = opcode;
  ctx.modrm = m;
  ctx.operandSize = cpu.op32 ? 32 : 16;
  ctx.realMode = (cpu.cr0 & Cr0.PE) === 0 || (cpu.flags & Eflags.VM) !== 0;
  ctx.cs = cpu.segSel[SegReg.CS]!;
  ctx.eip = cpu.startEip >>> 0;
  if (m < 0xc0) {
    // Limit-check the first byte; the FPU reads the operand through the paged host accessors.
    ctx.linear = cpu.linRead(cpu.eaSeg, cpu.ea, 1) >>> 0;
    ctx.dataSelector = cpu.segSel[cpu.eaSeg]!;
    ctx.dataOffset = cpu.ea >>> 0;
  } else {
    ctx.linear = -1;
    ctx.dataSelector = 0;
    ctx.dataOffset = 0;
  }
  cpu.fpu!.execute(cpu, ctx);
}

/** `wait`/`fwait`: `#NM` when CR0.TS and CR0.MP are both set, else reports pending errors. */
export function fwait(cpu: Cpu): void {
  if ((cpu.cr0 & (Cr0.TS | Cr0.MP)) === (Cr0.TS | Cr0.MP)) cpu.raise(Vector.NM, -1);
  cpu.fpu?.wait(cpu);
}
