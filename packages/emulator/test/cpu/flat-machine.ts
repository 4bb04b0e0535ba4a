/**
 * A flat 32-bit test machine for the CPU's unit tests: 16 MiB of RAM, a GDT with flat
 * ring-0 code (0x08) and data (0x10), an IDT whose every vector runs a stub that stores
 * the vector number at {@link VECTOR_CELL} and halts, code loaded at {@link CODE_BASE}.
 */
import { Cpu } from "../../src/cpu/cpu.js";
import { IoBus } from "../../src/io/io-bus.js";
import { PhysicalMemory } from "../../src/memory/physical-memory.js";

/** Where test code is loaded and starts. */
export const CODE_BASE = 0x1000;
/** Initial ESP. */
export const STACK_TOP = 0x80000;
/** Each exception stub writes its vector here (initially 0xFFFFFFFF). */
export const VECTOR_CELL = 0x6000;
const GDT = 0x500;
const IDT = 0x800;
const STUBS = 0x10000;

/** A CPU in the flat Multiboot state with descriptor tables and exception stubs. */
export interface FlatMachine {
  cpu: Cpu;
  memory: PhysicalMemory;
  io: IoBus;
  /** Runs until HLT (or `max` instructions); returns the count. */
  run(max?: number): number;
  /** The vector the last exception stub recorded, or -1. */
  vector(): number;
}

/** Parses a hex string of machine code ("b801000000f4"). */
export function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Builds a flat machine running `code` (hex) at {@link CODE_BASE}. */
export function flatMachine(code: string): FlatMachine {
  const memory = new PhysicalMemory(16 << 20);
  const io = new IoBus();
  const cpu = new Cpu(memory, io);
  cpu.enterFlatProtectedMode();
  memory.write32(GDT + 8, 0x0000ffff);
  memory.write32(GDT + 12, 0x00cf9a00);
  memory.write32(GDT + 16, 0x0000ffff);
  memory.write32(GDT + 20, 0x00cf9200);
  cpu.gdtBase = GDT;
  cpu.gdtLimit = 23;
  for (let v = 0; v < 256; v++) {
    const stub = STUBS + v * 16;
    memory.load(stub, new Uint8Array([0xc7, 0x05, 0x00, 0x60, 0x00, 0x00, v, 0, 0, 0, 0xf4]));
    memory.write32(IDT + v * 8, (0x08 << 16) | (stub & 0xffff));
    memory.write32(IDT + v * 8 + 4, (stub & 0xffff0000) | 0x8e00);
  }
  cpu.idtBase = IDT;
  cpu.idtLimit = 256 * 8 - 1;
  memory.write32(VECTOR_CELL, 0xffffffff);
  memory.load(CODE_BASE, hexBytes(code));
  cpu.eip = CODE_BASE;
  cpu.regs[4] = STACK_TOP;
  return {
    cpu,
    memory,
    io,
    run(max = 100_000) {
      let n = 0;
      while (n < max && !cpu.halted && !cpu.shutdown) n += cpu.run(max - n);
      return n;
    },
    vector() {
      const v = memory.read32(VECTOR_CELL);
      return v === 0xffffffff ? -1 : v;
    },
  };
}
