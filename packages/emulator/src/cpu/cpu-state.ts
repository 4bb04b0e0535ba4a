/**
 * The state of the CPU and its hot paths: register file, lazy-flag fields, segment
 * caches, decoder state of the current instruction, the software TLB, instruction fetch,
 * linear and segmented memory access and the stack. {@link Cpu} adds the run loop, the
 * interrupt machinery and the public API on top.
 */
import type { IoBus } from "../io/io-bus.js";
import type { PhysicalMemory } from "../memory/physical-memory.js";
import { Cr0, Eflags, SegReg, Vector } from "./constants.js";
import { FlagOp } from "./flags.js";
import { GUEST_FAULT } from "./guest-fault.js";
import { TlbBit, walkPage } from "./mmu.js";

/** Size of the list of filled TLB entries kept for cheap flushes. */
const TLB_LIST_SIZE = 4096;

/**
 * Everything the instruction handlers read and write, with the fast paths for memory.
 * Not constructed on its own: {@link Cpu} extends it. Fields are public because the
 * handlers in the sibling modules are plain functions over the CPU.
 */
export abstract class CpuState {
  /** Physical memory the CPU addresses. */
  readonly memory: PhysicalMemory;
  /** The I/O port space of `in`/`out`. */
  readonly io: IoBus;
  /** The eight general registers in encoding order (see `Reg`). */
  readonly regs = new Int32Array(8);
  /** 16-bit view of {@link Cpu.regs}: register r is element `r * 2`. */
  readonly regs16: Uint16Array;
  /** 8-bit view of {@link Cpu.regs}: AL..BH via {@link reg8Index}. */
  readonly regs8: Uint8Array;
  /** Instruction pointer (offset in CS). */
  eip = 0;
  /** Diagnostics: called with EIP and the first bytes of every opcode answered with `#UD`. */
  onInvalidOpcode: ((eip: number, bytes: number[]) => void) | null = null;
  /** How many invalid or unimplemented opcodes raised `#UD` since reset. */
  invalidOpcodeCount = 0;
  /** Control register 0. */
  cr0 = 0;
  /** Page-fault linear address. */
  cr2 = 0;
  /** Page directory base. Write it through {@link Cpu.setCr3}. */
  cr3 = 0;
  /** Control register 4 (PSE honoured). */
  cr4 = 0;
  /** Debug registers DR0–DR7 (stored; breakpoints are not implemented). */
  readonly dr = new Int32Array(8);

  /** Segment selectors, indexed by `SegReg`. */
  readonly segSel = new Uint16Array(6);
  /** Hidden segment bases. */
  readonly segBase = new Int32Array(6);
  /** Hidden segment limits (byte granular, expanded). */
  readonly segLimit = new Float64Array(6);
  /** Hidden attributes: bits 8..23 of the descriptor's high dword (type, S, DPL, P, D/B, G). */
  readonly segAttr = new Int32Array(6);
  /** Highest offset readable without the slow check (-1 forces the slow check). */
  readonly segReadMax = new Float64Array(6);
  /** Highest offset writable without the slow check (-1 forces the slow check). */
  readonly segWriteMax = new Float64Array(6);
  /** Current privilege level. */
  cpl = 0;
  /** GDTR base (linear). */
  gdtBase = 0;
  /** GDTR limit. */
  gdtLimit = 0xffff;
  /** IDTR base (linear; the IVT base in real mode). */
  idtBase = 0;
  /** IDTR limit. */
  idtLimit = 0x3ff;
  /** LDTR selector. */
  ldtSel = 0;
  /** Cached LDT base. */
  ldtBase = 0;
  /** Cached LDT limit. */
  ldtLimit = 0;
  /** Task register selector. */
  trSel = 0;
  /** Cached TSS base. */
  trBase = 0;
  /** Cached TSS limit. */
  trLimit = 0;
  /** Cached TSS descriptor type (9/11 for a 32-bit TSS, 1/3 for a 16-bit one). */
  trType = 0;

  /** EFLAGS except the arithmetic bits while {@link Cpu.flagOp} is not `FlagOp.None`. */
  flags = 2;
  /** Kind of the last flag-setting operation (`FlagOp`). */
  flagOp: number = FlagOp.None;
  /** Masked result of the last flag-setting operation. */
  flagRes = 0;
  /** Masked first operand. */
  flagA = 0;
  /** Masked second operand. */
  flagB = 0;
  /** Size of the last flag-setting operation in bits. */
  flagSize = 32;
  /** Carry in (adc/sbb) or preserved CF (inc/dec). */
  flagCf = 0;

  // Decoder state of the current instruction.
  /** Default operand/address size of CS is 32-bit. */
  code32 = false;
  /** SS is a 32-bit (B=1) stack. */
  stack32 = false;
  /** Cached CS base for instruction fetch. */
  csBase = 0;
  /** Operand size of the current instruction is 32. */
  op32 = false;
  /** Address size of the current instruction is 32. */
  addr32 = false;
  /** Segment override prefix (a `SegReg`) or -1. */
  segOverride = -1;
  /** 0, 0xF2 (repne) or 0xF3 (rep/repe). */
  repPrefix = 0;
  /** The ModRM byte of the current instruction. */
  modrm = 0;
  /** Effective address (offset) of the memory operand. */
  ea = 0;
  /** Segment of the memory operand. */
  eaSeg = 3;
  /** EIP of the current instruction's first byte. */
  startEip = 0;
  /**
   * The current instruction has enough prefixes to exceed 15 bytes: every fetch takes the
   * slow path, which counts bytes and raises `#GP(0)` at the 16th.
   */
  checkLength = false;
  /**
   * Instructions until the run loop's next boundary work (interrupt poll, decoder reset,
   * halt check); zero forces it before the next instruction.
   */
  protected pollCountdown = 0;
  /** CR0.AM, EFLAGS.AC and CPL 3: misaligned data accesses raise `#AC(0)`. */
  alignmentCheck = false;

  // Exception being raised (set right before throwing GUEST_FAULT).
  /** Vector of the exception being raised. */
  faultVector = 0;
  /** Its error code, or -1 when the vector has none. */
  faultError = -1;
  // Software TLB: one Int32Array entry per 4 KiB linear page: physical page | TlbBit flags.
  /** TLB entries (0 = not cached). */
  readonly tlb = new Int32Array(1 << 20);
  protected readonly tlbList = new Int32Array(TLB_LIST_SIZE);
  protected tlbCount = 0;
  protected tlbOverflow = false;
  /** TLB bits a fast read needs at the current CPL. */
  readMask = TlbBit.Valid | TlbBit.FastRead;
  /** TLB bits a fast write needs at the current CPL. */
  writeMask = TlbBit.SupWrite | TlbBit.FastWrite;
  /** Linear page (address & ~0xFFF) cached for instruction fetch, or -1. */
  fetchPage = -1;
  /** Physical address of {@link Cpu.fetchPage} in {@link PhysicalMemory.u8}. */
  fetchPhys = 0;

  /** Physical memory bytes. */
  readonly u8: Uint8Array;
  /** Physical memory as 16-bit words (aligned accesses). */
  readonly u16: Uint16Array;
  /** Physical memory as 32-bit words (aligned accesses). */
  readonly i32: Int32Array;

  /**
   * Switches to the Multiboot entry state: CR0.PE=1, paging off, CS=0x08 and
   * DS/ES/SS/FS/GS=0x10 with flat 4 GiB 32-bit hidden caches, CPL 0, IF=0.
   * The GDT itself is not written: reloading a segment register needs a real GDT.
   */
  /** Wires the state to `memory` and `io` and creates the typed-array views. */
  constructor(memory: PhysicalMemory, io: IoBus) {
    this.memory = memory;
    this.io = io;
    this.regs16 = new Uint16Array(this.regs.buffer);
    this.regs8 = new Uint8Array(this.regs.buffer);
    this.u8 = memory.u8;
    this.u16 = new Uint16Array(memory.u8.buffer, memory.u8.byteOffset, memory.u8.length >>> 1);
    this.i32 = new Int32Array(memory.u8.buffer, memory.u8.byteOffset, memory.u8.length >>> 2);
  }

  /**
   * Writes the hidden cache of segment register `seg` directly (descriptor checks are the
   * caller's business; `attr` holds bits 8..23 of a descriptor's high dword).
   */
  setSegmentCache(seg: number, selector: number, base: number, limit: number, attr: number): void {
    this.segSel[seg] = selector;
    this.segBase[seg] = base | 0;
    this.segLimit[seg] = limit >>> 0;
    this.segAttr[seg] = attr;
    let rmax = limit >>> 0;
    let wmax = limit >>> 0;
    const type = attr & 0xf;
    if ((attr & 0x80) === 0) {
      rmax = wmax = -1; // null or unusable: every access takes the slow check
    } else if (attr & 0x10) {
      if (type & 8) {
        wmax = -1;
        if ((type & 2) === 0) rmax = -1;
      } else {
        if ((type & 2) === 0) wmax = -1;
        if (type & 4) rmax = wmax = -1; // expand-down
      }
    }
    this.segReadMax[seg] = rmax;
    this.segWriteMax[seg] = wmax;
    if (seg === SegReg.CS) {
      this.csBase = base | 0;
      this.code32 = (attr & 0x4000) !== 0;
      this.fetchPage = -1;
      // The default operand size may have changed: the run loop resets the decoder
      // defaults before the next instruction (not now: this instruction keeps its sizes).
      this.pollCountdown = 0;
    } else if (seg === SegReg.SS) {
      this.stack32 = (attr & 0x4000) !== 0;
    }
  }

  /**
   * Restores the decoder defaults of an instruction without prefixes: operand and
   * address size from CS, no segment override, no rep prefix. The run loop keeps them
   * between instructions, so only prefixed instructions and faults pay for the reset.
   */
  resetDecoder(): void {
    const def32 = this.code32;
    this.op32 = def32;
    this.addr32 = def32;
    this.segOverride = -1;
    this.repPrefix = 0;
  }

  /**
   * Executes up to `maxInstructions` instructions and returns how many ran (a delivered
   * exception or interrupt counts as one). Returns early when the CPU halts or shuts down
   * after a triple fault. Never overshoots: a `rep` string instruction runs in slices and
   * each slice counts as one instruction. Exceptions thrown by host callbacks (I/O or MMIO
   * handlers, hooks) propagate to the caller with EIP at the faulting instruction.
   */
  // ---- exceptions --------------------------------------------------------------------

  /** Raises exception `vector` (with `errorCode`, or -1 for none) and leaves the instruction. */
  raise(vector: number, errorCode: number): never {
    this.faultVector = vector;
    this.faultError = errorCode;
    throw GUEST_FAULT;
  }

  /** Raises `#GP(errorCode)`. */
  raiseGp(errorCode: number): never {
    return this.raise(Vector.GP, errorCode);
  }

  /** Raises `#UD` and reports the opcode to {@link Cpu.onInvalidOpcode}. */
  raiseUd(): never {
    this.invalidOpcodeCount++;
    if (this.onInvalidOpcode) {
      const bytes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const lin = (this.csBase + this.startEip + i) | 0;
        const e = this.tlb[lin >>> 12]!;
        bytes.push(e & TlbBit.FastRead ? this.u8[((e & ~0xfff) | (lin & 0xfff)) >>> 0]! : 0);
      }
      this.onInvalidOpcode(this.startEip >>> 0, bytes);
    }
    return this.raise(Vector.UD, -1);
  }

  // ---- TLB ---------------------------------------------------------------------------

  /** Drops every cached translation (CR3 writes, paging mode changes). */
  flushTlb(): void {
    if (this.tlbOverflow) {
      this.tlb.fill(0);
    } else {
      for (let i = 0; i < this.tlbCount; i++) this.tlb[this.tlbList[i]!] = 0;
    }
    this.tlbCount = 0;
    this.tlbOverflow = false;
    this.fetchPage = -1;
  }

  /** Drops the translation of the page holding linear address `lin` (`invlpg`). */
  invalidatePage(lin: number): void {
    this.tlb[lin >>> 12] = 0;
    this.fetchPage = -1;
  }

  /** Stores a TLB entry (from the page walker). */
  fillTlb(page: number, entry: number): void {
    if (this.tlb[page] === 0) {
      if (this.tlbCount < TLB_LIST_SIZE) this.tlbList[this.tlbCount++] = page;
      else this.tlbOverflow = true;
    }
    this.tlb[page] = entry;
  }

  /** Recomputes the fast-path permission masks after a CPL change. */
  updateCplMasks(): void {
    if (this.flags & Eflags.VM) this.cpl = 3;
    const user = this.cpl === 3;
    // Alignment checking sends every data access through the slow path, which checks it.
    this.alignmentCheck = user && (this.cr0 & Cr0.AM) !== 0 && (this.flags & Eflags.AC) !== 0;
    const slow = this.alignmentCheck ? TlbBit.Never : 0;
    this.readMask = TlbBit.Valid | TlbBit.FastRead | (user ? TlbBit.UserRead : 0) | slow;
    this.writeMask = (user ? TlbBit.UserWrite : TlbBit.SupWrite) | TlbBit.FastWrite | slow;
    this.fetchPage = -1;
  }

  /**
   * Translates linear `lin` for an access at privilege `user` (CPL 3), raising `#PF` when
   * not permitted; returns the physical address.
   */
  translate(lin: number, write: boolean, user: boolean): number {
    const e = this.tlb[lin >>> 12]!;
    const need = write
      ? user
        ? TlbBit.UserWrite
        : TlbBit.SupWrite
      : user
        ? TlbBit.UserRead | TlbBit.Valid
        : TlbBit.Valid;
    if ((e & need) === need) return ((e & ~0xfff) | (lin & 0xfff)) >>> 0;
    return walkPage(this, lin, write, user);
  }

  // ---- instruction fetch -------------------------------------------------------------

  private fetchSlow(lin: number): number {
    if (this.checkLength && ((this.eip - 1 - this.startEip) | 0) >= 15) {
      this.raise(Vector.GP, 0); // the 16th byte of an instruction
    }
    // The CS limit: checked here, and the page is cached for the fast path only when all
    // of it lies inside the segment, so cached fetches need no check.
    const offset = (this.eip - 1) >>> 0;
    const limit = this.segLimit[SegReg.CS]!;
    if (offset > limit) this.raise(Vector.GP, 0);
    const inPage = lin & 0xfff;
    const wholePage =
      limit === 0xffffffff || (offset >= inPage && offset - inPage + 0xfff <= limit);
    const user = this.cpl === 3;
    const phys = this.translate(lin, false, user);
    const e = this.tlb[lin >>> 12]!;
    if (e & TlbBit.FastRead && !this.checkLength && wholePage) {
      this.fetchPage = lin & ~0xfff;
      this.fetchPhys = phys & ~0xfff;
      return this.u8[phys]!;
    }
    return this.memory.read8(phys);
  }

  /** Fetches the next instruction byte. */
  fetch8(): number {
    const lin = (this.csBase + this.eip) | 0;
    this.eip = (this.eip + 1) | 0;
    if ((lin & ~0xfff) === this.fetchPage) return this.u8[this.fetchPhys + (lin & 0xfff)]!;
    return this.fetchSlow(lin);
  }

  /** Fetches a sign-extended byte. */
  fetchS8(): number {
    return (this.fetch8() << 24) >> 24;
  }

  /** Fetches a 16-bit immediate. */
  fetch16(): number {
    const lin = (this.csBase + this.eip) | 0;
    if ((lin & ~0xfff) === this.fetchPage && (lin & 0xfff) < 0xfff) {
      this.eip = (this.eip + 2) | 0;
      const p = this.fetchPhys + (lin & 0xfff);
      return this.u8[p]! | (this.u8[p + 1]! << 8);
    }
    const lo = this.fetch8();
    return lo | (this.fetch8() << 8);
  }

  /** Fetches a 32-bit immediate (as a signed int32). */
  fetch32(): number {
    const lin = (this.csBase + this.eip) | 0;
    if ((lin & ~0xfff) === this.fetchPage && (lin & 0xfff) < 0xffd) {
      this.eip = (this.eip + 4) | 0;
      const p = this.fetchPhys + (lin & 0xfff);
      const u8 = this.u8;
      return u8[p]! | (u8[p + 1]! << 8) | (u8[p + 2]! << 16) | (u8[p + 3]! << 24);
    }
    const lo = this.fetch16();
    return lo | (this.fetch16() << 16);
  }

  /** Fetches an immediate of the current operand size (16 or 32 bits). */
  fetchImmV(): number {
    return this.op32 ? this.fetch32() : this.fetch16();
  }

  // ---- linear memory -----------------------------------------------------------------

  /** Reads a byte at a linear address with the current privilege. */
  readLin8(lin: number): number {
    const e = this.tlb[lin >>> 12]!;
    if ((e & this.readMask) === this.readMask)
      return this.u8[((e & ~0xfff) | (lin & 0xfff)) >>> 0]!;
    return this.memory.read8(this.translate(lin, false, this.cpl === 3));
  }

  /** Reads a 16-bit value at a linear address. */
  readLin16(lin: number): number {
    const e = this.tlb[lin >>> 12]!;
    if ((e & this.readMask) === this.readMask && (lin & 0xfff) !== 0xfff) {
      const p = ((e & ~0xfff) | (lin & 0xfff)) >>> 0;
      if ((p & 1) === 0) return this.u16[p >>> 1]!;
      return this.u8[p]! | (this.u8[p + 1]! << 8);
    }
    return this.readLinSlow(lin, 2, this.cpl === 3);
  }

  /** Reads a 32-bit value (signed int32) at a linear address. */
  readLin32(lin: number): number {
    const e = this.tlb[lin >>> 12]!;
    if ((e & this.readMask) === this.readMask && (lin & 0xfff) <= 0xffc) {
      const p = ((e & ~0xfff) | (lin & 0xfff)) >>> 0;
      if ((p & 3) === 0) return this.i32[p >>> 2]!;
      const u8 = this.u8;
      return u8[p]! | (u8[p + 1]! << 8) | (u8[p + 2]! << 16) | (u8[p + 3]! << 24);
    }
    return this.readLinSlow(lin, 4, this.cpl === 3) | 0;
  }

  /** Writes a byte at a linear address. */
  writeLin8(lin: number, value: number): void {
    const e = this.tlb[lin >>> 12]!;
    if ((e & this.writeMask) === this.writeMask) {
      this.u8[((e & ~0xfff) | (lin & 0xfff)) >>> 0] = value;
      return;
    }
    this.memory.write8(this.translate(lin, true, this.cpl === 3), value);
  }

  /** Writes a 16-bit value at a linear address. */
  writeLin16(lin: number, value: number): void {
    const e = this.tlb[lin >>> 12]!;
    if ((e & this.writeMask) === this.writeMask && (lin & 0xfff) !== 0xfff) {
      const p = ((e & ~0xfff) | (lin & 0xfff)) >>> 0;
      if ((p & 1) === 0) this.u16[p >>> 1] = value;
      else {
        this.u8[p] = value;
        this.u8[p + 1] = value >>> 8;
      }
      return;
    }
    this.writeLinSlow(lin, 2, value, this.cpl === 3);
  }

  /** Writes a 32-bit value at a linear address. */
  writeLin32(lin: number, value: number): void {
    const e = this.tlb[lin >>> 12]!;
    if ((e & this.writeMask) === this.writeMask && (lin & 0xfff) <= 0xffc) {
      const p = ((e & ~0xfff) | (lin & 0xfff)) >>> 0;
      if ((p & 3) === 0) this.i32[p >>> 2] = value;
      else {
        const u8 = this.u8;
        u8[p] = value;
        u8[p + 1] = value >>> 8;
        u8[p + 2] = value >>> 16;
        u8[p + 3] = value >>> 24;
      }
      return;
    }
    this.writeLinSlow(lin, 4, value, this.cpl === 3);
  }

  /** Reads `size` bytes at `lin` through full translation (page-crossing, MMIO, ROM). */
  readLinSlow(lin: number, size: number, user: boolean): number {
    if (user && this.alignmentCheck && (lin & (size - 1)) !== 0) this.raise(Vector.AC, 0);
    const off = lin & 0xfff;
    if (off + size <= 0x1000) {
      const p = this.translate(lin, false, user);
      return size === 2
        ? this.memory.read16(p)
        : size === 4
          ? this.memory.read32(p)
          : this.memory.read8(p);
    }
    // Crosses a page: translate both pages before reading anything.
    const p1 = this.translate(lin, false, user);
    const p2 = this.translate(((lin | 0xfff) + 1) | 0, false, user);
    let v = 0;
    for (let i = 0; i < size; i++) {
      const b =
        off + i < 0x1000
          ? this.memory.read8(p1 + i)
          : this.memory.read8(((p2 & ~0xfff) + (off + i - 0x1000)) >>> 0);
      v |= b << (8 * i);
    }
    return v >>> 0;
  }

  /** Writes `size` bytes at `lin` through full translation. */
  writeLinSlow(lin: number, size: number, value: number, user: boolean): void {
    if (user && this.alignmentCheck && (lin & (size - 1)) !== 0) this.raise(Vector.AC, 0);
    const off = lin & 0xfff;
    if (off + size <= 0x1000) {
      const p = this.translate(lin, true, user);
      if (size === 2) this.memory.write16(p, value);
      else if (size === 4) this.memory.write32(p, value);
      else this.memory.write8(p, value);
      return;
    }
    const p1 = this.translate(lin, true, user);
    const p2 = this.translate(((lin | 0xfff) + 1) | 0, true, user);
    for (let i = 0; i < size; i++) {
      const b = (value >>> (8 * i)) & 0xff;
      if (off + i < 0x1000) this.memory.write8(p1 + i, b);
      else this.memory.write8(((p2 & ~0xfff) + (off + i - 0x1000)) >>> 0, b);
    }
  }

  /** Supervisor-mode read (descriptor tables, TSS, IDT): ignores CPL for paging. */
  sysRead32(lin: number): number {
    return this.readLinSlow(lin | 0, 4, false) | 0;
  }
  /** Supervisor-mode 16-bit read. */
  sysRead16(lin: number): number {
    return this.readLinSlow(lin | 0, 2, false);
  }
  /** Supervisor-mode 32-bit write (descriptor accessed bits). */
  sysWrite32(lin: number, value: number): void {
    this.writeLinSlow(lin | 0, 4, value, false);
  }

  /** Checks that `lin`..`lin+size-1` may be written, faulting now (for read-modify-write). */
  probeWrite(lin: number, size: number): void {
    const e = this.tlb[lin >>> 12]!;
    if ((e & this.writeMask) === this.writeMask && (lin & 0xfff) <= 0x1000 - size) return;
    const user = this.cpl === 3;
    this.translate(lin, true, user);
    if ((lin & 0xfff) > 0x1000 - size) this.translate(((lin | 0xfff) + 1) | 0, true, user);
  }

  // ---- segmented memory --------------------------------------------------------------

  /**
   * Slow segment check of a `size`-byte access whose last byte lies past the fast limit:
   * expand-down segments, null selectors, type and limit faults.
   */
  segmentCheck(seg: number, offset: number, write: boolean, size: number): void {
    const attr = this.segAttr[seg]!;
    const code = seg === SegReg.SS ? Vector.SS : Vector.GP;
    if ((attr & 0x80) === 0) this.raise(code, 0);
    const type = attr & 0xf;
    const off = offset >>> 0;
    const last = off + size - 1;
    if (attr & 0x10) {
      if (type & 8) {
        if (write || (type & 2) === 0) this.raise(Vector.GP, 0);
      } else {
        if (write && (type & 2) === 0) this.raise(Vector.GP, 0);
        if (type & 4) {
          const upper = attr & 0x4000 ? 0xffffffff : 0xffff;
          if (off > this.segLimit[seg]! && last <= upper) return;
          this.raise(code, 0);
        }
      }
    }
    if (last > this.segLimit[seg]!) this.raise(code, 0);
  }

  /** Linear address of a `size`-byte read at `offset` in `seg`, after the limit check. */
  linRead(seg: number, offset: number, size: number): number {
    if ((offset >>> 0) + size - 1 > this.segReadMax[seg]!)
      this.segmentCheck(seg, offset, false, size);
    return (this.segBase[seg]! + offset) | 0;
  }

  /** Linear address of a `size`-byte write at `offset` in `seg`, after the limit and type checks. */
  linWrite(seg: number, offset: number, size: number): number {
    if ((offset >>> 0) + size - 1 > this.segWriteMax[seg]!)
      this.segmentCheck(seg, offset, true, size);
    return (this.segBase[seg]! + offset) | 0;
  }

  /** Reads a byte at `seg:offset`. */
  read8(seg: number, offset: number): number {
    return this.readLin8(this.linRead(seg, offset, 1));
  }
  /** Reads a word at `seg:offset`. */
  read16(seg: number, offset: number): number {
    return this.readLin16(this.linRead(seg, offset, 2));
  }
  /** Reads a dword (int32) at `seg:offset`. */
  read32(seg: number, offset: number): number {
    return this.readLin32(this.linRead(seg, offset, 4));
  }
  /** Writes a byte at `seg:offset`. */
  write8(seg: number, offset: number, value: number): void {
    this.writeLin8(this.linWrite(seg, offset, 1), value);
  }
  /** Writes a word at `seg:offset`. */
  write16(seg: number, offset: number, value: number): void {
    this.writeLin16(this.linWrite(seg, offset, 2), value);
  }
  /** Writes a dword at `seg:offset`. */
  write32(seg: number, offset: number, value: number): void {
    this.writeLin32(this.linWrite(seg, offset, 4), value);
  }

  // ---- stack -------------------------------------------------------------------------

  /** Pushes a dword. */
  push32(value: number): void {
    const sp = this.stack32 ? (this.regs[4]! - 4) | 0 : (this.regs[4]! - 4) & 0xffff;
    this.write32(SegReg.SS, sp, value);
    if (this.stack32) this.regs[4] = sp;
    else this.regs16[8] = sp;
  }
  /** Pushes a word. */
  push16(value: number): void {
    const sp = this.stack32 ? (this.regs[4]! - 2) | 0 : (this.regs[4]! - 2) & 0xffff;
    this.write16(SegReg.SS, sp, value);
    if (this.stack32) this.regs[4] = sp;
    else this.regs16[8] = sp;
  }
  /** Pushes a value of the current operand size. */
  pushV(value: number): void {
    if (this.op32) this.push32(value);
    else this.push16(value);
  }
  /** Pops a dword. */
  pop32(): number {
    const sp = this.stack32 ? this.regs[4]! : this.regs[4]! & 0xffff;
    const v = this.read32(SegReg.SS, sp);
    if (this.stack32) this.regs[4] = (sp + 4) | 0;
    else this.regs16[8] = sp + 4;
    return v;
  }
  /** Pops a word. */
  pop16(): number {
    const sp = this.stack32 ? this.regs[4]! : this.regs[4]! & 0xffff;
    const v = this.read16(SegReg.SS, sp);
    if (this.stack32) this.regs[4] = (sp + 2) | 0;
    else this.regs16[8] = sp + 2;
    return v;
  }
  /** Pops a value of the current operand size. */
  popV(): number {
    return this.op32 ? this.pop32() : this.pop16();
  }
  /** Stack pointer masked to the stack size (ESP or SP). */
  getSp(): number {
    return this.stack32 ? this.regs[4]! : this.regs[4]! & 0xffff;
  }
  /** Sets ESP or SP according to the stack size. */
  setSp(value: number): void {
    if (this.stack32) this.regs[4] = value;
    else this.regs16[8] = value;
  }
}
