/**
 * End-to-end: the freestanding C kernels in fixtures/kernels boot through the Multiboot
 * path on the whole machine (CPU and devices) and do what their sources say.
 */
import { describe, expect, it } from "vitest";
import { BootError } from "../../src/boot/boot-error.js";
import { bootMultiboot } from "../../src/boot/multiboot.js";
import { bootRom } from "../../src/boot/rom.js";
import { VGA_TEXT_BASE } from "../../src/devices/vga.js";
import { createMachine } from "../../src/machine/machine.js";
import { bootKernel, fixture } from "./fixtures.js";

describe("C kernels on the machine", () => {
  it("vga-hello writes HELLO WORLD white on blue at 0xB8000 and halts", () => {
    const { machine } = bootKernel("vga-hello");
    const halts: number[] = [];
    machine.on("halt", () => halts.push(1));
    const result = machine.runFor(1_000_000);
    expect(result.reason).toBe("halt");
    expect(halts).toHaveLength(1);
    expect(machine.vga.text().slice(0, 2)).toEqual(["HELLO WORLD", "native-kit vga-hello"]);
    expect(machine.vga.screen()[0]).toEqual({ char: 0x48, attr: 0x1f });
    expect(machine.memory.read16(VGA_TEXT_BASE + 2)).toBe(0x1f45);
  });

  it("serial-hello prints on COM1 and exits through the debug-exit port", () => {
    const { machine, serial } = bootKernel("serial-hello");
    const exits: number[][] = [];
    machine.on("exit", (value, status) => exits.push([value, status]));
    const result = machine.runFor(1_000_000);
    expect(result.reason).toBe("exit");
    expect(serial()).toBe("Hello, serial world!\n");
    expect(exits).toEqual([[0x10, 33]]);
    expect(machine.exitValue).toBe(0x10);
  });

  it("serial-echo reads queued COM1 input through its FIFO and echoes it", () => {
    const { machine, serial } = bootKernel("serial-echo");
    const text = "the quick brown fox jumps over the lazy dog, twice over.";
    machine.sendSerial(new TextEncoder().encode(text));
    expect(machine.runFor(10_000_000).reason).toBe("exit");
    expect(serial()).toBe("echo>THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG, TWICE OVER<done\n");
    expect(machine.exitValue).toBe(0x11);
  });

  it("pit-ticks counts 100 ticks of a 100 Hz PIT in one virtual second, identically every run", () => {
    const runs = [0, 1].map(() => {
      const { machine, serial } = bootKernel("pit-ticks");
      const result = machine.runFor(50_000_000);
      return { result, serial: serial(), ns: machine.clock.nowNs() };
    });
    const { result, serial, ns } = runs[0]!;
    expect(result.reason).toBe("exit");
    expect(serial).toBe("ticks=100\n");
    // 100 periods of 11932 PIT clocks at 1.193182 MHz: 1.0000153 s.
    expect(ns / 1e9).toBeCloseTo(1.0000153, 6);
    expect(runs[1]).toEqual(runs[0]);
  });

  it("keyboard-echo echoes injected keys to COM1 and the screen and quits on Escape", () => {
    const { machine, serial } = bootKernel("keyboard-echo");
    expect(machine.runFor(1_000_000).reason).toBe("idle");
    expect(machine.vga.text()[24]).toBe("keyboard-echo: type, Escape quits");
    machine.keyboard.typeText("Hi 42\n");
    machine.keyboard.injectScancodes([0x2c, 0xac]); // z, as raw set-1 codes
    machine.keyboard.pressKey("Escape");
    const result = machine.runFor(1_000_000);
    expect(result.reason).toBe("exit");
    expect(machine.exitValue).toBe(0x30);
    expect(serial()).toBe("Hi 42\nz\nbye\n");
    expect(machine.vga.text().slice(0, 2)).toEqual(["Hi 42", "z"]);
    expect(machine.vga.cursor()).toMatchObject({ row: 1, column: 1 });
  });

  it("memory-map prints the Multiboot memory map, command line and modules it was given", () => {
    const { machine, serial, load } = bootKernel(
      "memory-map",
      {
        cmdline: "console=ttyS0 quiet",
        modules: [{ data: new TextEncoder().encode("initrd contents"), cmdline: "initrd.img" }],
      },
      { memorySize: 16 << 20 },
    );
    expect(machine.runFor(5_000_000).reason).toBe("exit");
    const hex = (n: number) => "0x" + n.toString(16).padStart(8, "0");
    const expected = [
      "mem_lower=639K mem_upper=15360K",
      ...machine.memoryMap.map(
        (r) => `mmap 0x00000000:${hex(r.base)} 0x00000000:${hex(r.length)} type=${r.type}`,
      ),
      "cmdline=console=ttyS0 quiet",
      `module initrd.img ${hex(load.modules[0]!.start)} 15 bytes: initrd contents`,
      "",
    ];
    expect(serial().split("\n")).toEqual(expected);
  });
  it("triple-fault shuts the CPU down and the machine reports it", () => {
    const { machine, serial } = bootKernel("triple-fault");
    const resets: string[] = [];
    machine.on("reset", (why) => resets.push(why));
    expect(machine.runFor(1_000_000).reason).toBe("triple-fault");
    expect(resets).toEqual(["triple-fault"]);
    expect(serial()).toBe("about to triple fault\n");
  });

  it("loop-forever runs until the instruction budget is spent", () => {
    const { machine, serial } = bootKernel("loop-forever");
    const result = machine.runFor(2_000_000);
    expect(result).toEqual({ reason: "limit", instructions: 2_000_000 });
    expect(serial()).toBe("looping\n");
  });

  it("runs the same kernels from the asynchronous run loop, which stop() ends", async () => {
    const hello = bootKernel("serial-hello");
    await expect(hello.machine.start()).resolves.toMatchObject({ reason: "exit" });
    expect(hello.serial()).toBe("Hello, serial world!\n");

    const loop = bootKernel("loop-forever", {}, { batchSize: 10_000 });
    const running = loop.machine.start();
    expect(loop.machine.isRunning).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    loop.machine.stop();
    const result = await running;
    expect(result.reason).toBe("stopped");
    expect(result.instructions).toBeGreaterThan(0);
    expect(loop.machine.isRunning).toBe(false);
  });

  it("boots the ROM fixture at the reset vector in real mode", () => {
    const machine = createMachine({ memorySize: 2 << 20 });
    let out = "";
    const posts: number[] = [];
    machine.on("serial", (b) => (out += String.fromCharCode(b)));
    machine.on("post", (c) => posts.push(c));
    bootRom(machine, fixture("rom-hello.bin"));
    expect(machine.cpu.eip).toBe(0xfff0);
    expect(machine.runFor(100_000).reason).toBe("exit");
    expect(out).toBe("Hello from the ROM\n");
    expect(posts).toEqual([0x55]);
    expect(machine.exitValue).toBe(0x42);
  });
});

describe("bad images", () => {
  it("refuses a non-ELF file, an ELF without a Multiboot header and a truncated ROM", () => {
    const machine = createMachine();
    const attempt = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return e instanceof BootError ? e.code : String(e);
      }
      return "booted";
    };
    expect(attempt(() => bootMultiboot(machine, new TextEncoder().encode("not a kernel")))).toBe(
      "not-elf",
    );
    expect(attempt(() => bootMultiboot(machine, fixture("no-multiboot.elf")))).toBe(
      "no-multiboot-header",
    );
    expect(attempt(() => bootRom(machine, fixture("rom-hello.bin").subarray(0, 40000)))).toBe(
      "bad-rom-size",
    );
    expect(
      attempt(() =>
        bootMultiboot(createMachine({ memorySize: 2 << 20 }), fixture("vga-hello.elf"), {
          modules: [{ data: new Uint8Array(2 << 20) }],
        }),
      ),
    ).toBe("does-not-fit");
  });
});
