/**
 * Boot-time benchmark: wall-clock time from `new SimpleKernel(createMachine())` to the
 * kernel's hello text on the VGA screen, and on to the ring-3 program's line.
 *
 * Run: `pnpm bench` in examples/simple-kernel (or `npx tsx --conditions source bench/boot-time.ts`).
 * The first run is the cold figure a user sees (module JIT included); the median is over
 * the warm runs that follow.
 */
import { createMachine } from "@native-kit/emulator";
import { KERNEL_HELLO, SimpleKernel, USER_HELLO } from "../src/simple-kernel.js";

const RUNS = Number(process.env.RUNS ?? 30);

interface Sample {
  kernelText: number;
  userText: number;
}

function once(): Sample {
  const t0 = performance.now();
  const machine = createMachine();
  const kernel = new SimpleKernel(machine);
  kernel.boot();
  if (machine.vga.text()[0]?.trimEnd() !== KERNEL_HELLO) throw new Error("kernel text missing");
  const t1 = performance.now();
  machine.runUntil(() => machine.vga.text()[1]?.trimEnd() === USER_HELLO, {
    maxInstructions: 1_000_000,
  });
  if (machine.vga.text()[1]?.trimEnd() !== USER_HELLO) throw new Error("ring-3 text missing");
  const t2 = performance.now();
  return { kernelText: t1 - t0, userText: t2 - t0 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const cold = once();
const warm = Array.from({ length: RUNS }, once);
const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
console.log(`SimpleKernel boot time (${RUNS} warm runs, Node ${process.version})`);
console.log(
  `  to "${KERNEL_HELLO}" on screen: cold ${fmt(cold.kernelText)}, warm median ${fmt(median(warm.map((s) => s.kernelText)))}`,
);
console.log(
  `  to the ring-3 line on screen:   cold ${fmt(cold.userText)}, warm median ${fmt(median(warm.map((s) => s.userText)))}`,
);
