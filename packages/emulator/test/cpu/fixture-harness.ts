/**
 * Runs a CPU system fixture (a 64 KiB ROM image from `fixtures/cpu/`) from reset and
 * collects the dwords it writes to the report port 0xE0.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Cpu } from "../../src/cpu/cpu.js";
import type { InterruptLine } from "../../src/cpu/interrupt-line.js";
import { IoBus } from "../../src/io/io-bus.js";
import type { PortHandler } from "../../src/io/io-bus.js";
import { PhysicalMemory } from "../../src/memory/physical-memory.js";

/** The report port of the fixtures. */
export const REPORT_PORT = 0xe0;

/** What a fixture run produced. */
export interface FixtureRun {
  cpu: Cpu;
  memory: PhysicalMemory;
  io: IoBus;
  /** Values written to the report port, unsigned. */
  reports: number[];
  tripleFaults: number;
}

/** Options of {@link runFixture}. */
export interface FixtureOptions {
  /** Extra port handlers to register before the run. */
  ports?: { port: number; count: number; handler: PortHandler }[];
  interruptLine?: InterruptLine;
  maxInstructions?: number;
}

/** Loads the fixture ROM `name`.bin. */
export function loadFixture(name: string): Uint8Array {
  const url = new URL(`../../fixtures/cpu/${name}.bin`, import.meta.url);
  return new Uint8Array(readFileSync(fileURLToPath(url)));
}

/** Boots fixture `name` from the reset vector and runs it until it halts with IF=0. */
export function runFixture(name: string, options: FixtureOptions = {}): FixtureRun {
  const memory = new PhysicalMemory(16 << 20);
  const io = new IoBus();
  memory.loadRom(loadFixture(name));
  const reports: number[] = [];
  io.register(REPORT_PORT, 1, {
    read: () => 0,
    write: (_p, _s, v) => {
      reports.push(v >>> 0);
    },
  });
  for (const p of options.ports ?? []) io.register(p.port, p.count, p.handler);
  const cpu = new Cpu(memory, io);
  let tripleFaults = 0;
  cpu.onTripleFault = () => {
    tripleFaults++;
  };
  if (options.interruptLine) cpu.interruptLine = options.interruptLine;
  cpu.reset();
  const max = options.maxInstructions ?? 2_000_000;
  let ran = 0;
  while (ran < max && !cpu.shutdown) {
    const n = cpu.run(10_000);
    ran += n;
    // Halted with IF=0 is the fixtures' end; halted with nothing to wake it is a hang.
    if (cpu.halted && ((cpu.getEflags() & 0x200) === 0 || n === 0)) break;
  }
  return { cpu, memory, io, reports, tripleFaults };
}

/** Formats report values as hex strings (readable test failures). */
export function hex(values: number[]): string[] {
  return values.map((v) => "0x" + (v >>> 0).toString(16));
}
