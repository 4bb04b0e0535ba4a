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

import type { Component } from "@native-kit/system";
import { System } from "@native-kit/system";
import { Interrupts } from "../src/interrupts.js";
import { IrqRouter } from "../src/irq-router.js";
import { IrqsKey } from "../src/platform.js";
import { PortIo } from "../src/port-io.js";
import { Selector } from "../src/descriptors.js";
import { FrameOffset } from "../src/trap-frame.js";

/**
 * A system on a fake machine whose IRQ router is real but whose PIC is a recorder, so that
 * drivers can be booted without running guest code. `raise(irq)` delivers an IRQ as the
 * trap stub would.
 */
export function driverRig() {
  const machine = fakeMachine();
  const pic = new PortRecorder();
  machine.io.register(0x20, 2, pic);
  machine.io.register(0xa0, 2, pic);
  const interrupts = new Interrupts(machine);
  const irqs = new IrqRouter(interrupts, new PortIo(machine.io));
  const fakeIrqs: Component<X86Machine> = {
    name: "test-irqs",
    provides: [IrqsKey],
    init: (ctx) => {
      irqs.init();
      ctx.provide(IrqsKey, irqs);
    },
  };
  const system = new System<X86Machine>(machine);
  system.install(fakeIrqs);
  const raise = (irq: number): void => {
    machine.memory.write32(0x1ff00 + FrameOffset.vector, 0x20 + irq);
    machine.memory.write32(0x1ff00 + FrameOffset.cs, Selector.KernelCode);
    machine.cpu.regs[4] = 0x1ff00;
    interrupts.dispatch();
  };
  return { machine, system, irqs, interrupts, raise };
}
