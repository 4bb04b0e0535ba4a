import {
  FrameOffset,
  HYPERCALL_PORT,
  Interrupts,
  InterruptsKey,
  Selector,
  TrapCode,
  type X86Cpu,
  type X86Machine,
} from "@native-kit/arch-x86";
import { System, type Component } from "@native-kit/system";
import { describe, expect, it } from "vitest";
import { Errno } from "./errno.js";
import { printf, write } from "./libc/kernel-libc.js";
import { NR } from "./syscall-numbers.js";
import { SysCalls, SysCallsKey } from "./syscalls-component.js";

/** Memory and ports enough for trap dispatch (posix does not import the emulator). */
function fakeMachine(): X86Machine {
  const size = 1 << 20;
  const u8 = new Uint8Array(size);
  const dv = new DataView(u8.buffer);
  const memory = {
    size,
    u8,
    read32: (a: number) => dv.getUint32(a, true),
    write32: (a: number, v: number) => dv.setUint32(a, v >>> 0, true),
  };
  const ports = new Map<number, { write: () => void }>();
  const io = {
    register: (port: number, _n: number, h: { write: () => void }) => void ports.set(port, h),
    unregister: (port: number) => void ports.delete(port),
    write8: (port: number) => ports.get(port)?.write(),
  };
  const cpu: X86Cpu = {
    regs: new Int32Array(8),
    eip: 0,
    halted: false,
    cr0: 1,
    cr2: 0,
    cr3: 0,
    getEflags: () => 2,
    setEflags: () => {},
    setCr3: () => {},
    getCpl: () => 0,
    run: () => 0,
  };
  return { memory, io, cpu } as unknown as X86Machine;
}

function boot() {
  const machine = fakeMachine();
  const interrupts = new Interrupts(machine);
  const fake: Component<X86Machine> = {
    name: "test-interrupts",
    provides: [InterruptsKey],
    init: (ctx) => {
      interrupts.attach();
      ctx.provide(InterruptsKey, interrupts);
    },
  };
  const out: string[] = [];
  const system = new System<X86Machine>(machine);
  system.install(fake);
  const syscalls = system.install(new SysCalls());
  system.setDefaultOutput({ write: (t) => void out.push(t) });
  system.boot();
  /** Performs `int 0x80` from ring 3 with these registers, as the stub would present it. */
  const int80 = (regs: Partial<Record<"eax" | "ebx" | "ecx" | "edx", number>>) => {
    const at = 0x1ffb4;
    for (const [k, v] of Object.entries({
      vector: 0x80,
      cs: Selector.UserCode,
      eip: 0x400010,
      ...regs,
    })) {
      machine.memory.write32(at + FrameOffset[k as keyof typeof FrameOffset], v);
    }
    machine.cpu.regs[4] = at;
    machine.io.write8(HYPERCALL_PORT, 0);
    return {
      eax: machine.memory.read32(at + FrameOffset.eax) | 0,
      eip: machine.memory.read32(at + FrameOffset.eip),
    };
  };
  return { machine, system, syscalls, out, int80 };
}

describe("SysCalls", () => {
  it("writes a ring-3 buffer to the default output and returns the count in eax", () => {
    const { machine, out, int80 } = boot();
    machine.memory.u8.set(new TextEncoder().encode("hi from ring 3\n"), 0x50000);
    const r = int80({ eax: NR.write, ebx: 1, ecx: 0x50000, edx: 15 });
    expect(r.eax).toBe(15);
    expect(out.join("")).toBe("hi from ring 3\n");
  });

  it("returns -ENOSYS for unknown calls, -EBADF for other fds, -EFAULT for bad buffers", () => {
    const { int80 } = boot();
    expect(int80({ eax: 9999 }).eax).toBe(-Errno.ENOSYS);
    expect(int80({ eax: NR.write, ebx: 7, ecx: 0, edx: 1 }).eax).toBe(-Errno.EBADF);
    expect(int80({ eax: NR.write, ebx: 1, ecx: 0xfffff0, edx: 64 }).eax).toBe(-Errno.EFAULT);
  });

  it("ends the program on exit: reports the status and returns to the idle loop", () => {
    const { syscalls, int80 } = boot();
    const statuses: number[] = [];
    syscalls.onExit((e) => void statuses.push(e.status));
    const r = int80({ eax: NR.exit, ebx: 0x1234 });
    expect(statuses).toEqual([0x34]);
    expect(r.eip).toBe(TrapCode.idle);
    expect(syscalls.lastExit).toEqual({ status: 0x34, fromKernel: false });
  });

  it("gives kernel printf the same dispatcher as int 0x80", () => {
    const { system, out } = boot();
    const service = system.get(SysCallsKey);
    const before = service.dispatcher.count(NR.write);
    expect(printf("Hello World: using the syscall %s\n", "write")).toBe(37);
    expect(out.join("")).toBe("Hello World: using the syscall write\n");
    expect(service.dispatcher.count(NR.write)).toBe(before + 1);
    expect(write(5, "x")).toBe(-Errno.EBADF);
  });

  it("keeps a UTF-8 character split across two writes intact", () => {
    const { out } = boot();
    const bytes = new TextEncoder().encode("é");
    write(1, bytes.slice(0, 1));
    write(1, bytes.slice(1));
    expect(out.join("")).toBe("é");
  });

  it("unbinds printf when the system shuts down", () => {
    const { system } = boot();
    system.shutdown();
    expect(() => printf("x")).toThrow(/no SysCalls component is running/);
  });
});
