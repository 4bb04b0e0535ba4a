/**
 * The x87 environment and state images of `fnstenv`/`fldenv` and `fnsave`/`frstor`, in
 * their four layouts: 16- or 32-bit operand size, real (or virtual-8086) or protected mode.
 *
 * Protected mode stores the selector:offset pointers; real mode stores 20-bit linear
 * addresses split across the words, with the opcode beside the instruction pointer's high
 * bits. The register image that `fnsave` appends (80 bytes, ST(0) first) is identical in
 * all layouts.
 *
 * | layout        | size | cw | sw | tw | instruction pointer            | data pointer       |
 * | ------------- | ---- | -- | -- | -- | ------------------------------ | ------------------ |
 * | 16-bit prot.  | 14   | 0  | 2  | 4  | 6 offset, 8 selector           | 10 offset, 12 sel. |
 * | 32-bit prot.  | 28   | 0  | 4  | 8  | 12 offset, 16 sel. + opcode<<16 | 20 offset, 24 sel. |
 * | 16-bit real   | 14   | 0  | 2  | 4  | 6 ip[15:0], 8 ip[19:16]<<12 + op | 10 dp[15:0], 12 dp[19:16]<<12 |
 * | 32-bit real   | 28   | 0  | 4  | 8  | 12 ip[15:0], 16 ip[31:16]<<12 + op | 20 dp[15:0], 24 dp[31:16]<<12 |
 */

import type { FpuHost } from "../fpu-interface.js";
import type { X87State } from "./x87-state.js";

/** Size in bytes of the environment image for an operand size. */
export function environmentSize(operandSize: 16 | 32): number {
  return operandSize === 32 ? 28 : 14;
}

/** Size in bytes of the `fnsave` image for an operand size (environment + 80 bytes). */
export function saveSize(operandSize: 16 | 32): number {
  return environmentSize(operandSize) + 80;
}

/** Linear 20-bit-or-wider address a real-mode image records for `selector:offset`. */
function realLinear(selector: number, offset: number): number {
  return ((selector << 4) + offset) >>> 0;
}

/**
 * Writes the environment image of `st` at `addr` (`fnstenv`, and the head of `fnsave`).
 *
 * @example
 * storeEnvironment(state, host, 0x1000, 32, false); // 28 bytes at 0x1000
 */
export function storeEnvironment(
  st: X87State,
  host: FpuHost,
  addr: number,
  operandSize: 16 | 32,
  realMode: boolean,
): void {
  const cw = st.cw | 0xffff0000;
  const sw = st.statusWord();
  const tw = st.tagWord();
  if (operandSize === 32) {
    // Unused upper halves read as ones on real processors.
    host.writeU32(addr, cw >>> 0);
    host.writeU32(addr + 4, (sw | 0xffff0000) >>> 0);
    host.writeU32(addr + 8, (tw | 0xffff0000) >>> 0);
    if (realMode) {
      const ip = realLinear(st.fcs, st.fip);
      const dp = realLinear(st.fds, st.fdp);
      host.writeU32(addr + 12, ip & 0xffff);
      host.writeU32(addr + 16, (((ip >>> 16) << 12) | st.fop) >>> 0);
      host.writeU32(addr + 20, dp & 0xffff);
      host.writeU32(addr + 24, ((dp >>> 16) << 12) >>> 0);
    } else {
      host.writeU32(addr + 12, st.fip >>> 0);
      host.writeU32(addr + 16, ((st.fop << 16) | (st.fcs & 0xffff)) >>> 0);
      host.writeU32(addr + 20, st.fdp >>> 0);
      host.writeU32(addr + 24, (st.fds & 0xffff) | 0xffff0000);
    }
    return;
  }
  host.writeU16(addr, cw & 0xffff);
  host.writeU16(addr + 2, sw);
  host.writeU16(addr + 4, tw);
  if (realMode) {
    const ip = realLinear(st.fcs, st.fip);
    const dp = realLinear(st.fds, st.fdp);
    host.writeU16(addr + 6, ip & 0xffff);
    host.writeU16(addr + 8, (((ip >>> 16) & 0xf) << 12) | st.fop);
    host.writeU16(addr + 10, dp & 0xffff);
    host.writeU16(addr + 12, ((dp >>> 16) & 0xf) << 12);
  } else {
    host.writeU16(addr + 6, st.fip & 0xffff);
    host.writeU16(addr + 8, st.fcs & 0xffff);
    host.writeU16(addr + 10, st.fdp & 0xffff);
    host.writeU16(addr + 12, st.fds & 0xffff);
  }
}

/** Fields of an environment image, read completely before any state changes. */
interface EnvironmentImage {
  cw: number;
  sw: number;
  tw: number;
  fip: number;
  fcs: number;
  fop: number;
  fdp: number;
  fds: number;
}

const image: EnvironmentImage = { cw: 0, sw: 0, tw: 0, fip: 0, fcs: 0, fop: 0, fdp: 0, fds: 0 };

/** Reads an environment image at `addr` into the module's scratch {@link EnvironmentImage}. */
function readEnvironment(
  host: FpuHost,
  addr: number,
  operandSize: 16 | 32,
  realMode: boolean,
): EnvironmentImage {
  const step = operandSize === 32 ? 4 : 2;
  const word = (i: number): number => host.readU16(addr + i * step);
  const dword = (i: number): number =>
    operandSize === 32 ? host.readU32(addr + i * 4) : host.readU16(addr + i * 2);
  image.cw = word(0);
  image.sw = word(1);
  image.tw = word(2);
  if (realMode) {
    const ipLow = word(3);
    const ipHigh = dword(4);
    const dpLow = word(5);
    const dpHigh = dword(6);
    const highShift = operandSize === 32 ? 0xffff : 0xf;
    image.fcs = 0;
    image.fip = (ipLow | (((ipHigh >>> 12) & highShift) << 16)) >>> 0;
    image.fop = ipHigh & 0x7ff;
    image.fds = 0;
    image.fdp = (dpLow | (((dpHigh >>> 12) & highShift) << 16)) >>> 0;
  } else if (operandSize === 32) {
    image.fip = host.readU32(addr + 12);
    const csOp = host.readU32(addr + 16);
    image.fcs = csOp & 0xffff;
    image.fop = (csOp >>> 16) & 0x7ff;
    image.fdp = host.readU32(addr + 20);
    image.fds = host.readU16(addr + 24);
  } else {
    image.fip = host.readU16(addr + 6);
    image.fcs = host.readU16(addr + 8);
    image.fop = 0;
    image.fdp = host.readU16(addr + 10);
    image.fds = host.readU16(addr + 12);
  }
  return image;
}

/** Applies a read image to the state. */
function applyEnvironment(st: X87State, img: EnvironmentImage): void {
  st.cw = img.cw;
  st.setStatusWord(img.sw);
  st.setTagWord(img.tw);
  st.fip = img.fip;
  st.fcs = img.fcs;
  st.fop = img.fop;
  st.fdp = img.fdp;
  st.fds = img.fds;
  st.updateErrorSummary();
}

/**
 * `fldenv`: loads the environment image at `addr`. Every byte is read before any state
 * changes, so a fault in the middle leaves the FPU as it was.
 */
export function loadEnvironment(
  st: X87State,
  host: FpuHost,
  addr: number,
  operandSize: 16 | 32,
  realMode: boolean,
): void {
  applyEnvironment(st, readEnvironment(host, addr, operandSize, realMode));
}

/** `fnsave`: the environment then ST(0)..ST(7), 10 bytes each; the caller then reinitializes. */
export function storeState(
  st: X87State,
  host: FpuHost,
  addr: number,
  operandSize: 16 | 32,
  realMode: boolean,
): void {
  storeEnvironment(st, host, addr, operandSize, realMode);
  let at = addr + environmentSize(operandSize);
  for (let i = 0; i < 8; i++, at += 10) {
    const p = st.phys(i);
    host.writeU32(at, st.lo[p] ?? 0);
    host.writeU32(at + 4, st.hi[p] ?? 0);
    host.writeU16(at + 8, st.se[p] ?? 0);
  }
}

const regSe = new Uint16Array(8);
const regHi = new Uint32Array(8);
const regLo = new Uint32Array(8);

/** `frstor`: the inverse of {@link storeState}; reads the whole image before changing state. */
export function loadState(
  st: X87State,
  host: FpuHost,
  addr: number,
  operandSize: 16 | 32,
  realMode: boolean,
): void {
  let at = addr + environmentSize(operandSize);
  for (let i = 0; i < 8; i++, at += 10) {
    regLo[i] = host.readU32(at);
    regHi[i] = host.readU32(at + 4);
    regSe[i] = host.readU16(at + 8);
  }
  const img = readEnvironment(host, addr, operandSize, realMode);
  const top = (img.sw >>> 11) & 7;
  for (let i = 0; i < 8; i++) {
    const p = (top + i) & 7;
    st.se[p] = regSe[i] ?? 0;
    st.hi[p] = regHi[i] ?? 0;
    st.lo[p] = regLo[i] ?? 0;
  }
  applyEnvironment(st, img);
}
