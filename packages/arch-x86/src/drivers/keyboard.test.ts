import { describe, expect, it } from "vitest";
import { driverRig } from "../../test/fake-machine.js";
import { Keyboard, type KeyEvent } from "./keyboard.js";

function rig() {
  const r = driverRig();
  const queue: number[] = [];
  r.machine.io.register(0x60, 1, { read: () => queue.shift() ?? 0, write: () => {} });
  r.machine.io.register(0x64, 1, { read: () => (queue.length ? 1 : 0), write: () => {} });
  const keyboard = r.system.install(new Keyboard());
  r.system.boot();
  const events: KeyEvent[] = [];
  keyboard.onKey((e) => void events.push(e));
  const inject = (...codes: number[]): void => {
    queue.push(...codes);
    r.raise(1);
  };
  return { ...r, keyboard, events, inject };
}

describe("Keyboard", () => {
  it("turns make and break codes from IRQ 1 into key events and characters", () => {
    const { events, inject, keyboard, irqs } = rig();
    expect(irqs.masked & 2).toBe(0);
    inject(0x23, 0xa3, 0x17, 0x97); // h, i
    expect(events.map((e) => [e.key, e.pressed, e.char])).toEqual([
      ["h", true, "h"],
      ["h", false, null],
      ["i", true, "i"],
      ["i", false, null],
    ]);
    expect(keyboard.read()).toBe("hi");
    expect(keyboard.available).toBe(0);
  });

  it("applies shift to letters and symbols, and caps lock to letters only", () => {
    const { inject, keyboard } = rig();
    inject(0x2a, 0x1e, 0x02, 0xaa); // shift a 1 → A!
    inject(0x3a, 0xba, 0x1e, 0x02); // caps on: a 1 → A1
    inject(0x2a, 0x1e, 0xaa); // caps + shift: a
    expect(keyboard.read()).toBe("A!A1a");
    expect(keyboard.capsLock).toBe(true);
  });

  it("makes control characters with ctrl and tracks alt", () => {
    const { inject, keyboard, events } = rig();
    inject(0x1d, 0x2e, 0x9d); // ctrl-c
    inject(0x38, 0x1e); // alt held, a
    expect(keyboard.read()).toBe("\x03a");
    expect(events.at(-1)?.alt).toBe(true);
  });

  it("decodes 0xE0 extended keys and ignores fake shifts", () => {
    const { inject, events } = rig();
    inject(0xe0, 0x2a, 0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x1d);
    expect(events.map((e) => [e.key, e.pressed, e.code])).toEqual([
      ["ArrowUp", true, 0xe048],
      ["ArrowUp", false, 0xe048],
      ["RightControl", true, 0xe01d],
    ]);
  });

  it("reports unknown codes as Unknown without typing anything", () => {
    const { inject, events, keyboard } = rig();
    inject(0x7f);
    expect(events[0]?.key).toBe("Unknown");
    expect(keyboard.read()).toBe("");
  });
});
