/**
 * Times `X87.execute` on a fake host for a few instruction forms (a script, not a test:
 * tests never assert on time). Bundle it first so that module exports are plain bindings:
 *
 *   ES=$(find ../../node_modules/.pnpm -path '*esbuild/bin/esbuild' | head -1)
 *   $ES --bundle --format=esm --platform=node test/x87/bench-x87.ts --outfile=/tmp/x87-bench.mjs
 *   node /tmp/x87-bench.mjs
 */

import { X87 } from "../../src/cpu/x87/x87.js";
import { FakeFpuHost, ctx } from "./fake-fpu-host.js";

const host = new FakeFpuHost(0x1000);
const fpu = new X87();
fpu.reset();
new DataView(host.memory.buffer).setFloat64(0x100, 1.0000001, true);
fpu.execute(host, ctx(0xdd, 0x05, 0x100));
fpu.execute(host, ctx(0xdd, 0x05, 0x100));

const forms: [string, number, number][] = [
  ["fadd st0,st1", 0xd8, 0xc1],
  ["fmul st0,st1", 0xd8, 0xc9],
  ["fdiv st0,st1", 0xd8, 0xf1],
  ["fsqrt", 0xd9, 0xfa],
  ["fxch st1", 0xd9, 0xc9],
];
for (const [name, op, modrm] of forms) {
  const c = ctx(op, modrm);
  const n = 1_000_000;
  for (let i = 0; i < 50_000; i++) fpu.execute(host, c);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fpu.execute(host, c);
  console.log(`${name}: ${(n / (performance.now() - t0) / 1000).toFixed(1)} M/s`);
}
const load = ctx(0xdd, 0x05, 0x100);
const store = ctx(0xdd, 0x1d, 0x108);
const pairs = 500_000;
const t0 = performance.now();
for (let i = 0; i < pairs; i++) {
  fpu.execute(host, load);
  fpu.execute(host, store);
}
console.log(
  `fld m64 + fstp m64: ${(pairs / (performance.now() - t0) / 1000).toFixed(1)} M pairs/s`,
);
