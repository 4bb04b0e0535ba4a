/**
 * Runs recorded differential cases on the emulated CPU.
 *
 * The replay machine is flat 32-bit protected mode at CPL 0 with a real GDT (flat code
 * 0x08, flat data 0x10: delivering an exception reloads CS from it; an LDT at 0x18), an
 * LDT whose entry 0 is the harness's buffer segment (selector 0x07, as natively), and a
 * real IDT, all loaded by executing `lgdt`, `lldt` and `lidt`: every gate points at its
 * own one-byte `hlt` stub,
 * so the vector of an exception is read back from EIP after the CPU halts. Each case's
 * bytes are followed by a `hlt` and placed at an address of their own, so no decoded
 * state can leak from one case to the next. Cases that observe EIP run at the address
 * the native harness used, on a fresh machine each.
 */

import { Cpu } from "../../src/cpu/cpu.js";
import { IoBus } from "../../src/io/io-bus.js";
import { PhysicalMemory } from "../../src/memory/physical-memory.js";
import type { ActualState } from "./compare.js";
import {
  DATA_BASE,
  FS_BASE,
  FS_SELECTOR,
  LOW_SIZE,
  MEM_SIZE,
  NATIVE_CODE_ADDRESS,
  NO_FAULT,
  codeBytes,
  initialState,
  type VectorCase,
} from "./case-format.js";

/** Guest-physical layout of the replay machine. */
export const REPLAY_LAYOUT = {
  /** The 6-byte IDTR image `lidt` loads. */
  idtrImage: 0x0800,
  /** The 6-byte GDTR image `lgdt` loads. */
  gdtrImage: 0x0810,
  /** Null, flat ring-0 code (0x08), flat ring-0 data (0x10) and LDT (0x18) descriptors. */
  gdt: 0x0c00,
  /** The LDT: entry 0 is the buffer segment ({@link FS_SELECTOR}). */
  ldt: 0x0e00,
  /** The LDT selector `lldt` loads. */
  ldtSelectorImage: 0x0820,
  /** 256 interrupt gates. */
  idt: 0x1000,
  /** 256 `hlt` bytes: the handler of vector v is at `stubs + v`. */
  stubs: 0x2000,
  /** Page directory when the replay runs with paging on. */
  pageDirectory: 0x4000,
  /** Its page tables (one per 4 MiB of RAM). */
  pageTables: 0x5000,
  /** `lgdt [gdtrImage]; lldt [ldtSelectorImage]; lidt [idtrImage]; hlt`, run once per machine. */
  setup: 0x3000,
  /** Case code slots start here. */
  codeArea: 0x0020_0000,
  /** Bytes per case slot: the case (at most 32 bytes), its `hlt`, padding. */
  slotSize: 48,
  /** RAM size. */
  ramSize: 0x0040_0000,
} as const;

/** The most slots one machine can hold. */
export const MAX_SLOTS = Math.floor(
  (REPLAY_LAYOUT.ramSize - REPLAY_LAYOUT.codeArea) / REPLAY_LAYOUT.slotSize,
);
/** Two pages of zeros: the buffer's page and the one below are cleared before each case. */
const ZERO_PAGES = new Uint8Array(0x2000);
/** Index of ES among the segment registers (ES CS SS DS FS GS). */
const ES_INDEX = 0;
/** Index of FS among the segment registers. */
const FS_INDEX = 4;
/** Instruction budget of one case; a `rep` slice counts as one instruction. */
const CASE_BUDGET = 10_000;
const HLT = 0xf4;
/** Bytes an exception without an error code pushes at CPL 0: EIP, CS, EFLAGS. */
const FRAME_SIZE = 12;
/** Vectors that push an error code below the frame (#DF #TS #NP #SS #GP #PF #AC). */
const WITH_ERROR_CODE = new Set([8, 10, 11, 12, 13, 14, 17]);
/** Selector the replay gives ES and GS between cases (flat data). */
const FLAT_DATA = 0x10;
/** Index of GS among the segment registers. */
const GS_INDEX = 5;
/** EFLAGS.IF: set as it is natively in ring 3, so `pushf` images agree. */
const IF = 0x200;

/**
 * A CPU with the replay layout in place.
 *
 * @example
 * ```ts
 * const replay = new ReplayMachine();
 * const actual = replay.run(vectorCase, 0);
 * compareCase(vectorCase, actual); // [] when the emulator agrees with the hardware
 * ```
 */
export class ReplayMachine {
  /** The emulated CPU. */
  readonly cpu: Cpu;
  /** Its memory. */
  readonly memory: PhysicalMemory;
  /** Set after a triple fault: the CPU stays shut down, so use a new machine. */
  broken = false;
  /** Linear to physical address, as the replay's page tables map it (identity if flat). */
  readonly physical: (linear: number) => number;

  /**
   * Builds the GDT, LDT, IDT and stubs and loads them by executing `lgdt`, `lldt` and
   * `lidt`. With `paging`, the setup code also turns paging on (`mov cr3`, `mov cr0`)
   * over 4 KiB user-writable pages that swap neighbouring pages above 1 MiB, so every
   * case also goes through the MMU and TLB with linear ≠ physical; the outcome must not
   * change.
   */
  constructor(options: { paging?: boolean } = {}) {
    const L = REPLAY_LAYOUT;
    this.physical = options.paging ? swappedPhysical : (linear) => linear;
    this.memory = new PhysicalMemory(L.ramSize);
    this.cpu = new Cpu(this.memory, new IoBus());
    this.cpu.reset();
    this.cpu.enterFlatProtectedMode();
    // FS as the harness sets it: a data segment based at the buffer, limit 0xFFF
    // (present, DPL 3, read/write accessed, 32-bit, byte granular).
    this.cpu.setSegmentCache(FS_INDEX, FS_SELECTOR, FS_BASE, 0xfff, 0xf3 | 0x4000);
    const m = this.memory;
    for (let v = 0; v < 256; v++) {
      const handler = L.stubs + v;
      const gate = L.idt + 8 * v;
      m.write16(gate, handler & 0xffff);
      m.write16(gate + 2, 0x08);
      m.write8(gate + 4, 0);
      m.write8(gate + 5, 0x8e); // present, DPL 0, 32-bit interrupt gate
      m.write16(gate + 6, handler >>> 16);
      m.write8(handler, HLT);
    }
    m.write32(L.gdt + 0x08, 0x0000ffff); // base 0, limit 0xFFFFF pages
    m.write32(L.gdt + 0x0c, 0x00cf9a00); // G, D, present, DPL 0, code execute/read
    m.write32(L.gdt + 0x10, 0x0000ffff);
    m.write32(L.gdt + 0x14, 0x00cf9200); // G, B, present, DPL 0, data read/write
    m.write32(L.gdt + 0x18, ((L.ldt & 0xffff) << 16) | 7); // LDT: base, limit 7
    m.write32(L.gdt + 0x1c, 0x00008200 | ((L.ldt >>> 24) << 24) | ((L.ldt >>> 16) & 0xff));
    // LDT entry 0: the buffer segment exactly as the harness's modify_ldt call makes it
    // (lar reads it back): base DATA_BASE, limit 0xFFF, present, DPL 3, data read/write
    // accessed, 32-bit; lar shows AVL clear natively.
    m.write32(L.ldt, ((FS_BASE & 0xffff) << 16) | 0x0fff);
    m.write32(L.ldt + 4, (FS_BASE & 0xff000000) | 0x0040f300 | ((FS_BASE >>> 16) & 0xff));
    m.write16(L.ldtSelectorImage, 0x18);
    m.write16(L.gdtrImage, 4 * 8 - 1);
    m.write32(L.gdtrImage + 2, L.gdt);
    m.write16(L.idtrImage, 256 * 8 - 1);
    m.write32(L.idtrImage + 2, L.idt);
    // lgdt [gdtrImage] (0F 01 /2), lldt [ldtSelectorImage] (0F 00 /2),
    // lidt [idtrImage] (0F 01 /3), all with disp32 operands; hlt
    const setup = [
      ...[0x0f, 0x01, 0x15, ...le32(L.gdtrImage)],
      ...[0x0f, 0x00, 0x15, ...le32(L.ldtSelectorImage)],
      ...[0x0f, 0x01, 0x1d, ...le32(L.idtrImage)],
    ];
    if (options.paging) {
      // Map RAM with one page directory and page tables right after it: identity below
      // 1 MiB (descriptor tables, stubs, setup code), neighbouring pages swapped above.
      const tables = L.ramSize / 0x40_0000;
      for (let t = 0; t < tables; t++) {
        m.write32(L.pageDirectory + 4 * t, (L.pageTables + 0x1000 * t) | 7); // P, R/W, U/S
      }
      for (let page = 0; page < L.ramSize / 0x1000; page++) {
        m.write32(L.pageTables + 4 * page, swappedPhysical(page * 0x1000) | 7);
      }
      setup.push(
        ...[0xb8, ...le32(L.pageDirectory)], // mov eax, pageDirectory
        ...[0x0f, 0x22, 0xd8], // mov cr3, eax
        ...[0x0f, 0x20, 0xc0], // mov eax, cr0
        ...[0x0d, ...le32(0x8000_0000)], // or eax, CR0.PG
        ...[0x0f, 0x22, 0xc0], // mov cr0, eax
      );
    }
    m.load(L.setup, Uint8Array.of(...setup, HLT));
    const haltAt = L.setup + setup.length + 1;
    this.cpu.eip = L.setup;
    this.cpu.regs[4] = 0x7000;
    this.cpu.run(20);
    if (!this.cpu.halted || this.cpu.eip !== haltAt) {
      throw new Error(
        `replay setup (lgdt, lldt, lidt${options.paging ? ", paging on" : ""}) did not halt at 0x${haltAt.toString(16)} ` +
          `(halted=${this.cpu.halted}, eip=0x${this.cpu.eip.toString(16)})`,
      );
    }
  }

  /** Writes bytes at a linear address, page by page through the replay's mapping. */
  private poke(linear: number, bytes: ArrayLike<number>): void {
    const src = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
    for (let done = 0; done < src.length;) {
      const lin = linear + done;
      const chunk = Math.min(src.length - done, 0x1000 - (lin & 0xfff));
      this.memory.load(this.physical(lin), src.subarray(done, done + chunk));
      done += chunk;
    }
  }

  /** Reads `n` bytes at a linear address through the replay's mapping. */
  private peek(linear: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let done = 0; done < n;) {
      const lin = linear + done;
      const chunk = Math.min(n - done, 0x1000 - (lin & 0xfff));
      const phys = this.physical(lin);
      out.set(this.memory.u8.subarray(phys, phys + chunk), done);
      done += chunk;
    }
    return out;
  }

  /** Reads a little-endian dword at a linear address through the replay's mapping. */
  private peek32(linear: number): number {
    const b = this.peek(linear, 4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  /** Runs case `c` in code slot `slot` and returns what the emulator left behind. */
  run(c: VectorCase, slot: number): ActualState {
    const L = REPLAY_LAYOUT;
    if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_SLOTS) {
      throw new RangeError(`code slot ${slot} is outside 0..${MAX_SLOTS - 1}`);
    }
    const init = initialState(c);
    const code = codeBytes(c);
    // EIP-observing cases run where the harness ran them; the caller gives each its own
    // machine so nothing decoded at that address survives from an earlier case.
    const at = c.n ? NATIVE_CODE_ADDRESS : L.codeArea + slot * L.slotSize;
    this.poke(at, [...code, HLT]);
    // The buffer's page and the one below start zeroed, as the harness maps them.
    this.poke(DATA_BASE - 0x1000, ZERO_PAGES);
    this.poke(DATA_BASE, init.mem);
    this.poke(DATA_BASE - LOW_SIZE, init.low);
    const cpu = this.cpu;
    for (let i = 0; i < 8; i++) cpu.regs[i] = init.regs[i]! | 0;
    cpu.setEflags(init.eflags | IF);
    cpu.eip = at;
    cpu.halted = false;
    if (c.e) cpu.setSegmentCache(ES_INDEX, FS_SELECTOR, FS_BASE, 0xfff, 0xf3 | 0x4000);
    cpu.run(CASE_BUDGET);
    // Cases may load ES, FS and GS; put back what the next case expects, as the harness does.
    cpu.setSegmentCache(ES_INDEX, FLAT_DATA, 0, 0xffffffff, 0x93 | 0xc000);
    cpu.setSegmentCache(GS_INDEX, FLAT_DATA, 0, 0xffffffff, 0x93 | 0xc000);
    cpu.setSegmentCache(FS_INDEX, FS_SELECTOR, FS_BASE, 0xfff, 0xf3 | 0x4000);

    const regs = Array.from(cpu.regs, (v) => v >>> 0);
    const mem = this.peek(DATA_BASE, MEM_SIZE);
    const low = this.peek(DATA_BASE - LOW_SIZE, LOW_SIZE);
    const base: ActualState = {
      vector: NO_FAULT,
      regs,
      eflags: cpu.getEflags() >>> 0,
      eipOffset: 0,
      errorCode: -1,
      mem,
      low,
      frameBytes: new Set(),
    };
    const eip = cpu.eip >>> 0;
    if (cpu.shutdown) {
      this.broken = true;
      return {
        ...base,
        problem: `triple fault (eip=0x${eip.toString(16)}): the machine will be rebuilt`,
      };
    }
    if (!cpu.halted) {
      return {
        ...base,
        problem: `did not halt within ${CASE_BUDGET} instructions (eip=0x${eip.toString(16)})`,
      };
    }
    if (eip === at + code.length + 1) return base;
    if (eip > L.stubs && eip <= L.stubs + 256) {
      // An exception: the gate's stub halted; the frame ([error code,] EIP, CS, EFLAGS)
      // is on the stack.
      const vector = eip - L.stubs - 1;
      const esp = regs[4]!;
      const frame = WITH_ERROR_CODE.has(vector) ? esp + 4 : esp;
      const frameSize = frame - esp + FRAME_SIZE;
      const frameBytes = new Set<number>();
      for (let k = 0; k < frameSize; k++) {
        const off = esp + k - DATA_BASE;
        if (off >= -LOW_SIZE && off < MEM_SIZE) frameBytes.add(off);
      }
      regs[4] = (esp + frameSize) >>> 0;
      return {
        ...base,
        vector,
        eflags: this.peek32(frame + 8),
        eipOffset: (this.peek32(frame) - at) | 0,
        errorCode: frame === esp ? -1 : this.peek32(esp),
        frameBytes,
      };
    }
    return {
      ...base,
      problem: `halted at unexpected eip=0x${eip.toString(16)} (case at 0x${at.toString(16)})`,
    };
  }
}

/**
 * The paged replay's mapping: identity below 1 MiB, and above it each even page swapped
 * with the odd one after it, so linear neighbours are not physical neighbours (the
 * buffer's page and the page below it land in non-adjacent frames).
 */
function swappedPhysical(linear: number): number {
  const page = linear >>> 12;
  if (page < 0x100) return linear >>> 0;
  return (((page ^ 1) << 12) | (linear & 0xfff)) >>> 0;
}

function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}
