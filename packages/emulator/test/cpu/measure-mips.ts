/**
 * Measures the interpreter's speed in millions of guest instructions per CPU-second of
 * this process (wall-clock figures on a shared machine mislead). Not a test: run with
 * `npx tsx test/cpu/measure-mips.ts` from `packages/emulator`.
 *
 * Loops: four NOPs with `dec ecx; jnz` (the dispatch cost), and a mixed integer loop
 * (add, store, load, xor imm, dec, jnz). When `bench/guest.bin` exists, also the
 * `pnpm bench` workload at scale 2.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Cpu } from "../../src/cpu/cpu.js";
import { IoBus } from "../../src/io/io-bus.js";
import { PhysicalMemory } from "../../src/memory/physical-memory.js";
import { hexBytes } from "./flat-machine.js";

interface Workload {
  name: string;
  image: Uint8Array;
  base: number;
  setup?: (memory: PhysicalMemory) => void;
}

const loops: Workload[] = [
  // mov ecx,10000000; l: nop ×4; dec ecx; jnz l; hlt
  { name: "nop x4; dec; jnz", image: hexBytes("b980969800909090904975f9f4"), base: 0x1000 },
  // mov ecx,10000000; xor eax,eax; mov esi,0x8000;
  // l: add eax,ecx; mov [esi],eax; mov edx,[esi]; xor edx,0x55; dec ecx; jnz l; hlt
  {
    name: "add; store; load; xor imm; dec; jnz",
    image: hexBytes("b98096980031c0be0080000001c889068b1683f2554975f4f4"),
    base: 0x1000,
  },
];

const guest = fileURLToPath(new URL("../../bench/guest.bin", import.meta.url));
if (existsSync(guest)) {
  loops.push({
    name: "bench/guest.bin, scale 2",
    image: new Uint8Array(readFileSync(guest)),
    base: 0x100000,
    setup: (memory) => {
      memory.write32(0x90000, 2); // scale
      memory.write32(0x90004, 0); // all phases
    },
  });
}

/** Runs `w` to its hlt and returns instructions and CPU seconds. */
function measure(w: Workload): { instructions: number; seconds: number } {
  const memory = new PhysicalMemory(16 << 20);
  memory.load(w.base, w.image);
  w.setup?.(memory);
  const cpu = new Cpu(memory, new IoBus());
  cpu.enterFlatProtectedMode();
  cpu.eip = w.base;
  cpu.regs[4] = 0x800000;
  const start = process.cpuUsage();
  let instructions = 0;
  while (!cpu.halted && !cpu.shutdown) instructions += cpu.run(10_000_000);
  const used = process.cpuUsage(start);
  return { instructions, seconds: used.user / 1e6 };
}

for (const w of loops) {
  let best = 0;
  // The first rounds warm the JIT up; report the best of three.
  for (let round = 0; round < 3; round++) {
    const { instructions, seconds } = measure(w);
    best = Math.max(best, instructions / seconds / 1e6);
  }
  console.log(`${best.toFixed(1).padStart(7)} M instructions/CPU-s  ${w.name}`);
}
