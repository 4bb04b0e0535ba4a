import { createMachine } from "@native-kit/emulator";
import { describe, expect, it } from "vitest";
import { bootHelloVideo } from "./hello-video.js";

describe("hello-video", () => {
  it("shows Hello World! on a cleared screen with the cursor after it", () => {
    const machine = createMachine();
    bootHelloVideo(machine);
    const text = machine.vga.text();
    expect(text[0]!.trimEnd()).toBe("Hello World!");
    expect(text.slice(1).every((line) => line.trim() === "")).toBe(true);
    expect(machine.vga.cursor()).toMatchObject({ row: 0, column: 12 });
  });
});
