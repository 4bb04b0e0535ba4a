import { createMachine } from "@native-kit/emulator";
import { describe, expect, it } from "vitest";
import { bootHelloVga, HELLO_ATTRIBUTE } from "./hello-vga.js";

describe("hello-vga", () => {
  it("puts HELLO WORLD in the top-left corner in white on blue", () => {
    const machine = createMachine();
    bootHelloVga(machine);
    expect(machine.vga.text()[0]).toMatch(/^HELLO WORLD/);
    const cells = machine.vga.screen().slice(0, 11);
    expect(cells.map((c) => c.attr)).toEqual(new Array(11).fill(HELLO_ATTRIBUTE));
  });
});
