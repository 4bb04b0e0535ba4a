/**
 * `in`/`out` and the I/O permission check: in protected mode with CPL > IOPL, and always
 * in virtual-8086 mode, every port of the access must be allowed by the 32-bit TSS's I/O
 * permission bitmap, or the instruction raises `#GP(0)`.
 */
import { Cr0, Eflags, Vector } from "./constants.js";
import type { Cpu } from "./cpu.js";

/** Raises `#GP(0)` unless the current privilege may access ports `port`..`port+bytes-1`. */
export function checkIoPermission(cpu: Cpu, port: number, bytes: number): void {
  if ((cpu.cr0 & Cr0.PE) === 0) return;
  const vm = (cpu.flags & Eflags.VM) !== 0;
  if (!vm && cpu.cpl <= ((cpu.flags >>> 12) & 3)) return;
  const type = cpu.trType & 0xf;
  if ((type !== 0x9 && type !== 0xb) || cpu.trLimit < 0x67) cpu.raise(Vector.GP, 0);
  const mapBase = cpu.sysRead16((cpu.trBase + 0x66) | 0);
  const at = mapBase + (port >>> 3);
  if (at + 1 > cpu.trLimit) cpu.raise(Vector.GP, 0);
  const bits = cpu.sysRead16((cpu.trBase + at) | 0);
  const mask = ((1 << bytes) - 1) << (port & 7);
  if (bits & mask) cpu.raise(Vector.GP, 0);
}

/** `in` of `size` bits from `port` into AL/AX/EAX. */
export function inPort(cpu: Cpu, port: number, size: number): void {
  port &= 0xffff;
  checkIoPermission(cpu, port, size >> 3);
  if (size === 8) cpu.regs8[0] = cpu.io.read8(port);
  else if (size === 16) cpu.regs16[0] = cpu.io.read16(port);
  else cpu.regs[0] = cpu.io.read32(port);
}

/** `out` of `size` bits of AL/AX/EAX to `port`. */
export function outPort(cpu: Cpu, port: number, size: number): void {
  port &= 0xffff;
  checkIoPermission(cpu, port, size >> 3);
  if (size === 8) cpu.io.write8(port, cpu.regs8[0]!);
  else if (size === 16) cpu.io.write16(port, cpu.regs16[0]!);
  else cpu.io.write32(port, cpu.regs[0]!);
  // A device may have raised an interrupt: look at the line at the next boundary.
  cpu.requestInterruptPoll(false);
}
