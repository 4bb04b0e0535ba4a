/**
 * The x87 C fixture: `fixtures/x87/c/numeric.c`, compiled once with
 * `gcc -m32 -O2 -ffreestanding`, runs on the emulated CPU + X87 in flat 32-bit protected
 * mode and must produce the same result table as the native run of the same object code
 * (`numeric.expected`), bit for bit — the results named `~…`, which come from transcendental
 * instructions, included.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Cpu } from "../../src/cpu/cpu.js";
import { X87 } from "../../src/cpu/x87/x87.js";
import { IoBus } from "../../src/io/io-bus.js";
import { PhysicalMemory } from "../../src/memory/physical-memory.js";

const DIR = new URL("../../fixtures/x87/c/", import.meta.url);
const LOAD = 0x100000;
const RESULTS = 0x200000;
const RESULTS_COUNT = 0x1ffffc;
/** sizeof(struct result): name[40], int size, bytes[16]. */
const RESULT_SIZE = 60;

interface Row {
  name: string;
  hex: string;
}

function runGuest(): { rows: Row[]; halted: boolean; instructions: number } {
  const memory = new PhysicalMemory(4 << 20);
  const cpu = new Cpu(memory, new IoBus());
  cpu.fpu = new X87();
  cpu.reset();
  cpu.enterFlatProtectedMode();
  memory.load(LOAD, new Uint8Array(readFileSync(fileURLToPath(new URL("numeric.bin", DIR)))));
  cpu.eip = LOAD;
  cpu.regs[4] = 0x90000; // ESP
  let instructions = 0;
  for (let i = 0; i < 200 && !cpu.halted; i++) instructions += cpu.run(100_000);
  const u8 = memory.u8;
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const count = view.getInt32(RESULTS_COUNT, true);
  const rows: Row[] = [];
  for (let i = 0; i < count && i < 64; i++) {
    const at = RESULTS + i * RESULT_SIZE;
    const nameBytes = u8.subarray(at, at + 40);
    const name = new TextDecoder().decode(nameBytes.subarray(0, nameBytes.indexOf(0)));
    const size = view.getInt32(at + 40, true);
    const hex = Array.from(u8.subarray(at + 44, at + 44 + size), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
    rows.push({ name, hex });
  }
  return { rows, halted: cpu.halted, instructions };
}

const expected: Row[] = readFileSync(fileURLToPath(new URL("numeric.expected", DIR)), "utf8")
  .trim()
  .split("\n")
  .map((line) => {
    const [name, hex] = line.split("\t");
    return { name: name ?? "", hex: hex ?? "" };
  });

describe("x87 C fixture (gcc -m32 -O2 -ffreestanding) against the native run", () => {
  const run = runGuest();

  it("runs to hlt and reports every result", () => {
    expect(run.halted).toBe(true);
    expect(run.rows.map((r) => r.name)).toEqual(expected.map((r) => r.name));
  });

  for (const want of expected) {
    it(`${want.name}`, () => {
      const got = run.rows.find((r) => r.name === want.name);
      expect(got).toBeDefined();
      expect(got!.hex).toBe(want.hex);
    });
  }
});
