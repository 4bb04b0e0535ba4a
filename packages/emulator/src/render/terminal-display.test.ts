import { describe, expect, it, vi } from "vitest";
import { createMachine } from "../machine/machine.js";
import { attachTerminalDisplay, type TerminalInput } from "./terminal-display.js";

/** A terminal input whose bytes the test types. */
function fakeInput() {
  const listeners = new Set<(data: Uint8Array) => void>();
  const input: TerminalInput & { raw: boolean[]; paused: boolean } = {
    isTTY: true,
    raw: [],
    paused: false,
    setRawMode(raw: boolean) {
      this.raw.push(raw);
    },
    on: (_e, l) => listeners.add(l),
    off: (_e, l) => listeners.delete(l),
    pause() {
      this.paused = true;
    },
  };
  const type = (bytes: number[]) => listeners.forEach((l) => l(Uint8Array.from(bytes)));
  return { input, type, listeners };
}

describe("attachTerminalDisplay", () => {
  it("draws the screen, passes keys to the keyboard and restores the terminal", () => {
    const machine = createMachine();
    machine.memory.write16(0xb8000, 0x1f00 | "A".charCodeAt(0));
    let out = "";
    const { input, type, listeners } = fakeInput();
    const detach = attachTerminalDisplay(machine, { output: { write: (s) => (out += s) }, input });
    expect(out).toContain("\x1b[2J");
    expect(out).toContain("A");
    expect(input.raw).toEqual([true]);

    type([0x61]); // "a": make 0x1E, break 0x9E
    expect(machine.keyboard.pendingScancodes).toBe(2);

    detach();
    expect(input.raw).toEqual([true, false]);
    expect(input.paused).toBe(true);
    expect(listeners.size).toBe(0);
    detach(); // a second call changes nothing
    expect(input.raw).toEqual([true, false]);
  });

  it("quits on a quit byte without passing it to the guest", () => {
    const machine = createMachine();
    const onQuit = vi.fn();
    const { input, type } = fakeInput();
    const detach = attachTerminalDisplay(machine, {
      output: { write: () => true },
      input,
      quitBytes: [0x03],
      onQuit,
    });
    type([0x03]);
    type([0x03]);
    expect(onQuit).toHaveBeenCalledTimes(1);
    expect(machine.keyboard.pendingScancodes).toBe(0);
    detach();
  });

  it("holds pasted text back until the guest has room for it, losing nothing", () => {
    vi.useFakeTimers();
    try {
      const machine = createMachine();
      const { input, type } = fakeInput();
      const detach = attachTerminalDisplay(machine, { output: { write: () => true }, input });
      const text = "the quick brown fox jumps over the lazy dog";
      type([...Buffer.from(text)]);
      expect(machine.keyboard.pendingScancodes).toBeLessThanOrEqual(16);
      // Drain as a guest would (port 0x60), letting frames feed the rest.
      const codes: number[] = [];
      for (let i = 0; i < 1000 && codes.length < text.length * 2; i++) {
        while (machine.keyboard.pendingScancodes > 0) codes.push(machine.io.read8(0x60));
        vi.advanceTimersByTime(33);
      }
      const makes = codes.filter((c) => c < 0x80);
      expect(makes).toHaveLength(text.length);
      detach();
    } finally {
      vi.useRealTimers();
    }
  });
});
