/**
 * A stand-in for the CPU side of the FPU seam: guest memory is a `Uint8Array` addressed
 * linearly, AX and EFLAGS are plain fields, and every `#MF`/`#UD` request is counted, so
 * that the x87 can be tested without a CPU.
 */

import type { FpuHost, FpuInstructionContext } from "../../src/cpu/fpu-interface.js";

/** EFLAGS bits `setComiFlags` writes. */
const CF = 0x01;
const PF = 0x04;
const AF = 0x10;
const ZF = 0x40;
const SF = 0x80;
const OF = 0x800;

/** What {@link FakeFpuHost.raiseFpuError} throws in `#MF` mode. */
export const FPU_FAULT = new Error("#MF");

/** An {@link FpuHost} over a byte array, recording what the FPU asked for. */
export class FakeFpuHost implements FpuHost {
  /** Guest memory; linear address = index. */
  readonly memory: Uint8Array;
  private readonly view: DataView;
  /** AX as last set by `fnstsw ax` (or -1 when never set). */
  ax = -1;
  /** EFLAGS as the CPU would hold them. */
  eflags = 0x202;
  /** Number of `raiseFpuError` calls. */
  fpuErrors = 0;
  /** Number of `raiseInvalidOpcode` calls. */
  invalidOpcodes = 0;
  /** When set, `raiseFpuError` throws {@link FPU_FAULT} as a CPU delivering `#MF` would. */
  faultOnFpuError = false;

  /** A host with `size` bytes of zeroed memory. */
  constructor(size = 0x10000) {
    this.memory = new Uint8Array(size);
    this.view = new DataView(this.memory.buffer);
  }

  /** A test bug, not a guest fault: accesses must stay inside the array. */
  private check(linear: number, size: number): void {
    if (linear < 0 || linear + size > this.memory.length) {
      throw new RangeError(
        `fake FPU host: access at ${linear} outside ${this.memory.length} bytes`,
      );
    }
  }

  /** {@inheritDoc FpuHost.readU8} */
  readU8(linear: number): number {
    this.check(linear, 1);
    return this.view.getUint8(linear);
  }
  /** {@inheritDoc FpuHost.readU16} */
  readU16(linear: number): number {
    this.check(linear, 2);
    return this.view.getUint16(linear, true);
  }
  /** {@inheritDoc FpuHost.readU32} */
  readU32(linear: number): number {
    this.check(linear, 4);
    return this.view.getUint32(linear, true);
  }
  /** {@inheritDoc FpuHost.writeU8} */
  writeU8(linear: number, value: number): void {
    this.check(linear, 1);
    this.view.setUint8(linear, value & 0xff);
  }
  /** {@inheritDoc FpuHost.writeU16} */
  writeU16(linear: number, value: number): void {
    this.check(linear, 2);
    this.view.setUint16(linear, value & 0xffff, true);
  }
  /** {@inheritDoc FpuHost.writeU32} */
  writeU32(linear: number, value: number): void {
    this.check(linear, 4);
    this.view.setUint32(linear, value >>> 0, true);
  }
  /** {@inheritDoc FpuHost.setAx} */
  setAx(value: number): void {
    this.ax = value & 0xffff;
  }
  /** {@inheritDoc FpuHost.getEflags} */
  getEflags(): number {
    return this.eflags;
  }
  /** {@inheritDoc FpuHost.setComiFlags} */
  setComiFlags(zf: boolean, pf: boolean, cf: boolean): void {
    this.eflags =
      (this.eflags & ~(CF | PF | AF | ZF | SF | OF)) |
      (zf ? ZF : 0) |
      (pf ? PF : 0) |
      (cf ? CF : 0);
  }
  /** {@inheritDoc FpuHost.raiseFpuError} */
  raiseFpuError(): void {
    this.fpuErrors++;
    if (this.faultOnFpuError) throw FPU_FAULT;
  }
  /** {@inheritDoc FpuHost.raiseInvalidOpcode} */
  raiseInvalidOpcode(): void {
    this.invalidOpcodes++;
  }
}

/**
 * A reusable instruction context: `ctx(0xd9, 0xe8)` for a register form, or
 * `ctx(0xdd, 0x05, 0x100)` for a memory form at linear address 0x100 (ModRM with mod 0).
 */
export function ctx(
  opcode: number,
  modrm: number,
  linear = -1,
  extra: Partial<FpuInstructionContext> = {},
): FpuInstructionContext {
  return {
    opcode,
    modrm,
    linear,
    operandSize: 32,
    realMode: false,
    cs: 0x08,
    eip: 0x1000,
    dataSelector: linear >= 0 ? 0x10 : 0,
    dataOffset: linear >= 0 ? linear : 0,
    ...extra,
  };
}
