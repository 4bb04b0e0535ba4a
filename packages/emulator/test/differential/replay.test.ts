import { describe, expect, it } from "vitest";
import { DATA_BASE, NO_FAULT, STACK_OFFSET, type VectorCase } from "./case-format.js";
import { MAX_SLOTS, REPLAY_LAYOUT, ReplayMachine } from "./replay.js";

/** A hand-written case; its recorded outcome does not matter to the replay itself. */
function handCase(
  code: string,
  regs: [number, number][] = [],
  extra: Partial<VectorCase> = {},
): VectorCase {
  return {
    c: code,
    d: code,
    t: "none",
    z: 32,
    s: 1,
    r: regs,
    p: [],
    f: 0x2,
    o: { r: [], f: 2, m: [] },
    ...extra,
  };
}

describe("ReplayMachine", () => {
  const replay = new ReplayMachine();

  it("loads GDTR and IDTR by executing lgdt and lidt", () => {
    expect(replay.cpu.idtBase).toBe(REPLAY_LAYOUT.idt);
    expect(replay.cpu.gdtBase).toBe(REPLAY_LAYOUT.gdt);
  });

  it("runs a case to its hlt and returns registers, flags and the buffer", () => {
    const a = replay.run(handCase("40", [[0, 41]]), 0); // inc eax
    expect(a.problem).toBeUndefined();
    expect(a.vector).toBe(NO_FAULT);
    expect(a.regs[0]).toBe(42);
    expect(a.eflags & 0x1).toBe(0);
    expect(a.mem).toHaveLength(256);
  });

  it("writes through the buffer at DATA_BASE", () => {
    // mov dword [DATA_BASE + 8], eax
    const code = `a3${(DATA_BASE + 8).toString(16).padStart(8, "0").match(/../g)!.reverse().join("")}`;
    const a = replay.run(handCase(code, [[0, 0x11223344]]), 1);
    expect(Array.from(a.mem.slice(8, 12))).toEqual([0x44, 0x33, 0x22, 0x11]);
  });

  it("reports an exception by vector, with the faulting EIP and the state at the fault", () => {
    const a = replay.run(handCase("0f0b", [[3, 7]]), 2); // ud2
    expect(a.vector).toBe(6);
    expect(a.eipOffset).toBe(0);
    expect(a.regs[3]).toBe(7);
    expect(a.regs[4]).toBe(DATA_BASE + STACK_OFFSET);
    expect(a.frameBytes.has(STACK_OFFSET - 12)).toBe(true);
    expect(a.frameBytes.has(STACK_OFFSET)).toBe(false);
  });

  it("reports a trap with EIP after the instruction", () => {
    const a = replay.run(handCase("cc"), 3); // int3
    expect(a.vector).toBe(3);
    expect(a.eipOffset).toBe(1);
  });

  it("says when a case does not halt", () => {
    const a = replay.run(handCase("ebfe"), 4); // jmp $
    expect(a.problem).toMatch(/did not halt/);
  });

  it("runs EIP-observing cases at the native address", () => {
    const fresh = new ReplayMachine();
    const a = fresh.run(handCase("e800000000", [], { n: 1 }), 0); // call $+5
    expect(a.regs[4]).toBe(DATA_BASE + STACK_OFFSET - 4);
    const pushed =
      a.mem[STACK_OFFSET - 4]! | (a.mem[STACK_OFFSET - 3]! << 8) | (a.mem[STACK_OFFSET - 2]! << 16);
    expect(pushed).toBe(0x100045);
  });

  it("can run the cases with paging on, through the page tables", () => {
    const paged = new ReplayMachine({ paging: true });
    expect(paged.cpu.cr0 >>> 31).toBe(1);
    expect(paged.cpu.cr3).toBe(REPLAY_LAYOUT.pageDirectory);
    // Linear neighbours are not physical neighbours above 1 MiB.
    expect(paged.physical(DATA_BASE)).toBe(DATA_BASE + 0x1000);
    expect(paged.physical(DATA_BASE - 1)).toBe(DATA_BASE - 0x1000 - 1);
    expect(paged.physical(0x2000)).toBe(0x2000);
    // mov [DATA_BASE + 4], eax: the walk sets accessed and dirty in the buffer's PTE.
    const code = `a3${(DATA_BASE + 4).toString(16).padStart(8, "0").match(/../g)!.reverse().join("")}`;
    const a = paged.run(handCase(code, [[0, 0xcafe]]), 0);
    expect(a.problem).toBeUndefined();
    expect(a.mem[4]).toBe(0xfe);
    const pte = paged.memory.read32(REPLAY_LAYOUT.pageTables + 4 * (DATA_BASE >>> 12));
    expect(pte & 0x60).toBe(0x60);
  });

  it("rejects a slot outside the code area", () => {
    expect(() => replay.run(handCase("90"), MAX_SLOTS)).toThrow(RangeError);
    expect(() => replay.run(handCase("90"), -1)).toThrow(RangeError);
  });
});
