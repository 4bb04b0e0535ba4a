/**
 * Running a few instructions of ring-0 guest code from the host, for the operations a
 * TypeScript kernel cannot do by writing memory: loading CR0/CR3/CR4 (turning paging on),
 * reloading descriptor-table registers. The routine runs to its `hlt`, then the CPU's
 * registers, EIP and halt state are put back as they were.
 */
import { ArchLayout } from "./layout.js";
import { TrapCode } from "./trap-code.js";
import type { X86Machine } from "./x86-machine.js";

/** Where routines are copied (inside the kernel-only trap code pages). */
export const ROUTINE_ADDRESS = TrapCode.common + 0x400;
/** The largest routine that fits. */
export const ROUTINE_MAX_BYTES = 0x400;
/** How many instructions a routine may run before it counts as hung. */
const ROUTINE_BUDGET = 10_000;

/**
 * Runs `code` (ring-0, 32-bit, ending in `hlt`) and restores the CPU's general registers,
 * EIP, EFLAGS and halt state afterwards. Runs with interrupts off.
 *
 * @throws when the CPU is not in ring 0, the routine is too large, or it does not reach
 * its final `hlt` (it faulted or looped).
 */
export function runGuestRoutine(machine: X86Machine, code: Uint8Array): void {
  const { cpu, memory } = machine;
  if (code.length === 0 || code.length > ROUTINE_MAX_BYTES || code[code.length - 1] !== 0xf4) {
    throw new Error(`a guest routine must be 1..${ROUTINE_MAX_BYTES} bytes ending in hlt`);
  }
  if (cpu.getCpl() !== 0) throw new Error("guest routines run in ring 0 only");
  const saved = {
    regs: cpu.regs.slice(),
    eip: cpu.eip,
    eflags: cpu.getEflags(),
    halted: cpu.halted,
  };
  memory.load(ROUTINE_ADDRESS, code);
  cpu.regs[4] = ArchLayout.stackTop - 0x100; // below any frame the trap path keeps at the top
  cpu.setEflags(saved.eflags & ~0x200);
  cpu.eip = ROUTINE_ADDRESS;
  cpu.halted = false;
  let ran = 0;
  while (!cpu.halted && ran < ROUTINE_BUDGET) ran += Math.max(1, cpu.run(ROUTINE_BUDGET - ran));
  const end = ROUTINE_ADDRESS + code.length;
  const ok = cpu.halted && cpu.eip >>> 0 === end;
  const where = cpu.eip >>> 0;
  cpu.regs.set(saved.regs);
  cpu.eip = saved.eip;
  cpu.setEflags(saved.eflags);
  cpu.halted = saved.halted;
  if (!ok) {
    throw new Error(`guest routine did not finish: stopped at eip 0x${where.toString(16)}`);
  }
}

/**
 * The routine that loads CR3 and turns paging on with CR0.PG and CR0.WP (so that the
 * kernel's own writes honour read-only pages, which copy-on-write relies on).
 */
export function enablePagingRoutine(pageDirectory: number): Uint8Array {
  const d = pageDirectory >>> 0;
  return Uint8Array.of(
    0xb8,
    d & 0xff,
    (d >>> 8) & 0xff,
    (d >>> 16) & 0xff,
    d >>> 24, // mov eax, dir
    0x0f,
    0x22,
    0xd8, // mov cr3, eax
    0x0f,
    0x20,
    0xc0, // mov eax, cr0
    0x0d,
    0x00,
    0x00,
    0x01,
    0x80, // or eax, PG | WP
    0x0f,
    0x22,
    0xc0, // mov cr0, eax
    0xeb,
    0x00, // jmp $+2 (serialise, as the SDM asks after enabling paging)
    0xf4, // hlt
  );
}
