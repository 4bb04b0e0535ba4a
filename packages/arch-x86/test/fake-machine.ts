/**
 * A machine for unit tests that need no instruction execution: real `PhysicalMemory` and
 * `IoBus`, and a register file standing in for the CPU. Trap dispatch is exercised by
 * placing a frame on the "stack" and writing to the hypercall port, as the stub would.
 */
import { IoBus, PhysicalMemory, type PortHandler } from "@native-kit/emulator";
import type { X86Cpu, X86Machine } from "../src/x86-machine.js";

/** A register file with the CPU's shape; `run` does nothing. */
export class FakeCpu implements X86Cpu {
  readonly regs = new Int32Array(8);
  eip = 0;
  halted = false;
  cr0 = 1;
  cr2 = 0;
  cr3 = 0;
  cpl = 0;
  private eflags = 2;
  getEflags(): number {
    return this.eflags;
  }
  setEflags(v: number): void {
    this.eflags = v;
  }
  setCr3(v: number): void {
    this.cr3 = v;
  }
  getCpl(): number {
    return this.cpl;
  }
  run(): number {
    return 0;
  }
}

/** Memory, a bus and a fake CPU. */
export function fakeMachine(): X86Machine & { cpu: FakeCpu } {
  return { memory: new PhysicalMemory(4 * 1024 * 1024), io: new IoBus(), cpu: new FakeCpu() };
}

/** A port handler that records writes and answers reads from a table. */
export class PortRecorder implements PortHandler {
  readonly writes: [number, number][] = [];
  readonly values = new Map<number, number | (() => number)>();
  read(port: number): number {
    const v = this.values.get(port);
    return typeof v === "function" ? v() : (v ?? 0xff);
  }
  write(port: number, _size: 1 | 2 | 4, value: number): void {
    this.writes.push([port, value]);
  }
  /** Values written to `port`, in order. */
  writesTo(port: number): number[] {
    return this.writes.filter(([p]) => p === port).map(([, v]) => v);
  }
}
