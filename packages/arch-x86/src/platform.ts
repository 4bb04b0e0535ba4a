/**
 * `X86Platform`: the component that brings up the hardware layer — descriptor tables,
 * trap stubs, the hypercall port, PIC routing — and the service keys under which kernels
 * and other components find it. Any component that needs one of these keys gets the
 * platform installed for it by default.
 */
import type { Component, ComponentContext } from "@native-kit/system";
import { ServiceKey } from "@native-kit/system";
import {
  kernelStack,
  setKernelStack,
  writeGdt,
  writeIdt,
  writeTableRegisters,
  writeTlsSlot,
  writeTss,
  type TlsSegment,
} from "./descriptor-tables.js";
import { Interrupts } from "./interrupts.js";
import { IrqRouter } from "./irq-router.js";
import { ArchLayout } from "./layout.js";
import { PortIo } from "./port-io.js";
import {
  assembleCommon,
  assembleSetup,
  assembleStub,
  HALT_LOOP,
  IDLE_LOOP,
  STUB_STRIDE,
  TrapCode,
} from "./trap-code.js";
import { enablePagingRoutine, runGuestRoutine } from "./guest-routine.js";
import { enterUserMode, type UserEntry } from "./user-mode.js";
import type { X86Machine } from "./x86-machine.js";

/** The hardware layer as a service. */
export interface Platform {
  /** The machine. */
  readonly machine: X86Machine;
  /** Vector handlers. */
  readonly interrupts: Interrupts;
  /** IRQ lines through the PIC. */
  readonly irqs: IrqRouter;
  /** Port I/O. */
  readonly ports: PortIo;
  /** Starts ring-3 code on the next instruction (see {@link enterUserMode}). */
  enterUserMode(entry: UserEntry): void;
  /** Points the CPU at the idle loop (ring 0, `sti; hlt`), e.g. after the kernel's start. */
  idle(): void;
  /** Sets a TLS slot (0–2); returns the ring-3 selector for it. */
  setTlsSlot(slot: number, segment: TlsSegment | null): number;
  /** Sets TSS.ESP0, the stack of traps from ring 3. */
  setKernelStack(esp0: number): void;
  /** Reads TSS.ESP0. */
  kernelStack(): number;
  /**
   * Loads CR3 with `pageDirectory` and turns paging on (CR0.PG, CR0.WP), by running the
   * `mov cr3` / `mov cr0` instructions on the CPU. The directory must map the hardware
   * layer's region ({@link ArchLayout}) one-to-one, kernel-only.
   */
  enablePaging(pageDirectory: number): void;
}

/** The platform service (GDT, IDT, TSS, traps). Installs {@link X86Platform} when needed. */
export const PlatformKey: ServiceKey<Platform> = new ServiceKey<Platform>(
  "arch-x86.platform",
  () => new X86Platform(),
);
/** Interrupt vectors and handlers. Installs {@link X86Platform} when needed. */
export const InterruptsKey: ServiceKey<Interrupts> = new ServiceKey<Interrupts>(
  "arch-x86.interrupts",
  () => new X86Platform(),
);
/** IRQ lines through the PIC. Installs {@link X86Platform} when needed. */
export const IrqsKey: ServiceKey<IrqRouter> = new ServiceKey<IrqRouter>(
  "arch-x86.irqs",
  () => new X86Platform(),
);

/** How many instructions the descriptor-table setup routine may take before boot gives up. */
const SETUP_BUDGET = 1000;

/**
 * Writes the trap code, GDT, TSS and IDT into guest memory and has the CPU load them.
 * Exposed for rigs that use the hardware layer without a `System`.
 *
 * @throws when the CPU does not reach the end of the setup routine (it faulted or hung).
 */
export function bringUpPlatform(machine: X86Machine): Platform {
  const { memory, cpu } = machine;
  for (let a = ArchLayout.base; a < ArchLayout.end; a += 4) memory.write32(a, 0);
  for (let v = 0; v < 256; v++) memory.load(TrapCode.stubs + v * STUB_STRIDE, assembleStub(v));
  memory.load(TrapCode.common, assembleCommon());
  memory.load(TrapCode.setup, assembleSetup());
  memory.load(TrapCode.idle, IDLE_LOOP);
  memory.load(TrapCode.halt, HALT_LOOP);
  writeGdt(memory);
  writeTss(memory);
  writeIdt(memory);
  writeTableRegisters(memory);

  if ((cpu.cr0 & 1) === 0) {
    if (!cpu.enterFlatProtectedMode)
      throw new Error("the CPU is in real mode and cannot be switched");
    cpu.enterFlatProtectedMode();
  }
  if (cpu.getCpl() !== 0) throw new Error("the platform must be brought up from ring 0");
  cpu.eip = TrapCode.setup;
  cpu.halted = false;
  let ran = 0;
  while (!cpu.halted && ran < SETUP_BUDGET) ran += Math.max(1, cpu.run(SETUP_BUDGET - ran));
  if (!cpu.halted || cpu.eip >>> 0 !== TrapCode.setup + assembleSetup().length) {
    throw new Error(
      `the CPU did not finish loading the descriptor tables (eip 0x${(cpu.eip >>> 0).toString(16)})`,
    );
  }

  const interrupts = new Interrupts(machine);
  interrupts.attach();
  const ports = new PortIo(machine.io);
  const irqs = new IrqRouter(interrupts, ports);
  irqs.init();
  const platform: Platform = {
    machine,
    interrupts,
    irqs,
    ports,
    enterUserMode: (entry) => {
      if (interrupts.inHandler) {
        throw new Error("cannot enter ring 3 from a trap handler: change the frame instead");
      }
      enterUserMode(memory, cpu, entry);
    },
    idle: () => {
      cpu.regs[4] = ArchLayout.idleStack;
      cpu.eip = TrapCode.idle;
      cpu.halted = false;
    },
    setTlsSlot: (slot, segment) => writeTlsSlot(memory, slot, segment),
    setKernelStack: (esp0) => setKernelStack(memory, esp0),
    kernelStack: () => kernelStack(memory),
    enablePaging: (pageDirectory) => {
      if ((pageDirectory & 0xfff) !== 0) {
        throw new RangeError(`page directory 0x${pageDirectory.toString(16)} is not 4 KiB aligned`);
      }
      if (interrupts.inHandler) throw new Error("cannot turn paging on from a trap handler");
      runGuestRoutine(machine, enablePagingRoutine(pageDirectory));
    },
  };
  platform.idle();
  return platform;
}

/**
 * The hardware layer as a component: provides {@link PlatformKey}, {@link InterruptsKey}
 * and {@link IrqsKey}. Kernels rarely install it by hand; it comes with the first
 * component that needs one of its services.
 *
 * @example
 * ```ts
 * const system = new System(createMachine());
 * system.install(new X86Platform());
 * system.boot();
 * system.get(InterruptsKey).on(0x80, (frame) => { frame.eax = 0; });
 * ```
 */
export class X86Platform implements Component<X86Machine> {
  readonly name = "x86-platform";
  readonly provides = [PlatformKey, InterruptsKey, IrqsKey];
  private platform: Platform | null = null;

  /** Brings the platform up on the system's machine. */
  init(ctx: ComponentContext<X86Machine>): void {
    const platform = bringUpPlatform(ctx.machine);
    platform.interrupts.onFatal = (trap) => ctx.log.error(trap.message);
    ctx.provide(PlatformKey, platform);
    ctx.provide(InterruptsKey, platform.interrupts);
    ctx.provide(IrqsKey, platform.irqs);
    ctx.log.info("GDT, TSS and IDT loaded; IRQs on vectors 0x20-0x2f");
    this.platform = platform;
  }

  /** Releases the hypercall port. */
  shutdown(): void {
    this.platform?.interrupts.detach();
    this.platform = null;
  }
}
