/**
 * Drivers on the emulated PC's real device models: the VGA text buffer and CRTC, the
 * 16550 UART, the CMOS clock, and TLS segments through the CPU's segmentation.
 */
import { readFileSync } from "node:fs";
import { createMachine } from "@native-kit/emulator";
import { System } from "@native-kit/system";
import { describe, expect, it } from "vitest";
import { Rtc } from "../src/drivers/rtc.js";
import { Serial } from "../src/drivers/serial.js";
import { VgaColor, Video } from "../src/drivers/video.js";
import { bringUpPlatform } from "../src/platform.js";

describe("Video on the VGA device", () => {
  it("shows text, colours and the cursor where the device's CRTC says", () => {
    const machine = createMachine();
    const system = new System(machine);
    const video = system.install(new Video());
    system.boot();
    video.write("line one\n");
    video.setColor(VgaColor.LightRed, VgaColor.Blue);
    video.write("red");
    const text = machine.vga.text();
    expect(text[0]!.trimEnd()).toBe("line one");
    expect(text[1]!.trimEnd()).toBe("red");
    expect(machine.vga.screen()[80]).toEqual({ char: 0x72, attr: 0x1c });
    expect(machine.vga.cursor()).toMatchObject({ row: 1, column: 3, visible: true });
  });
});

describe("Serial on the 16550", () => {
  it("transmits lines and receives bytes on IRQ 4", () => {
    const machine = createMachine();
    const system = new System(machine);
    const serial = system.install(new Serial({ log: true }));
    const sent: number[] = [];
    machine.on("serial", (byte, port) => {
      if (port === 1) sent.push(byte);
    });
    system.boot();
    serial.write("ping\n");
    expect(String.fromCharCode(...sent)).toContain("ping\r\n");

    const got: string[] = [];
    serial.onData((t) => void got.push(t));
    machine.sendSerial(new TextEncoder().encode("pong"));
    machine.runUntil(() => got.join("") === "pong", { maxInstructions: 100_000 });
    expect(got.join("")).toBe("pong");
  });
});

describe("Rtc on the CMOS", () => {
  it("reads the machine's wall clock", () => {
    const start = new Date(Date.UTC(2026, 10, 25, 13, 5, 52));
    const machine = createMachine({ rtcStart: start });
    const system = new System(machine);
    const rtc = system.install(new Rtc());
    system.boot();
    expect(rtc.now().getTime()).toBe(start.getTime());
  });
});

describe("TLS slots", () => {
  it("give ring-3 code a %gs segment based where the kernel said", () => {
    const machine = createMachine();
    const platform = bringUpPlatform(machine);
    machine.memory.load(
      0x400000,
      readFileSync(new URL("../fixtures/user/tls-read.bin", import.meta.url)),
    );
    machine.memory.write32(0x420000, 0x7e57c0de);
    const selector = platform.setTlsSlot(0, { base: 0x420000, limit: 0xfffff, pageGranular: true });
    expect(selector).toBe(0x33);
    let seen = 0;
    platform.interrupts.on(0x80, (frame) => void (seen = frame.ebx));
    platform.enterUserMode({ eip: 0x400000, esp: 0x410000 });
    machine.runUntil(() => seen !== 0, { maxInstructions: 10_000 });
    expect(seen >>> 0).toBe(0x7e57c0de);
    expect(() => platform.setTlsSlot(3, null)).toThrow(RangeError);
  });
});
