/**
 * The architectural state of the x87: the eight data registers, TOP, the tags, the
 * control and status words and the last-instruction pointers, with the stack operations
 * and the exception bookkeeping every instruction shares.
 *
 * Registers are stored by physical number in typed arrays (`se`, `hi`, `lo`), so that the
 * hot path reads and writes plain integers. Only "empty or not" is kept per register;
 * the full two-bit tag that `fnstenv`/`fnsave` report is derived from the contents, which
 * is what P6 and later processors do.
 */

import { F80, Kind, classify, setIndefinite } from "./float80.js";
import { Exc } from "./round80.js";

/** Status-word bits. */
export const SW = {
  /** Exception flags IE..PE. */
  EXCEPTIONS: 0x3f,
  /** Stack fault. */
  SF: 0x40,
  /** Error summary. */
  ES: 0x80,
  /** Condition code C0. */
  C0: 0x100,
  /** Condition code C1. */
  C1: 0x200,
  /** Condition code C2. */
  C2: 0x400,
  /** TOP field. */
  TOP: 0x3800,
  /** Condition code C3. */
  C3: 0x4000,
  /** Busy (mirrors ES on the 387 and later). */
  B: 0x8000,
} as const;

/** Condition codes C0, C1, C2 and C3 together. */
export const CC_MASK = SW.C0 | SW.C1 | SW.C2 | SW.C3;

/** Control word after `fninit`. */
export const CW_INIT = 0x037f;

/** Register state shared by the instruction handlers and the environment images. */
export class X87State {
  /** Sign and exponent of each physical register. */
  readonly se = new Uint16Array(8);
  /** Significand bits 63–32 of each physical register. */
  readonly hi = new Uint32Array(8);
  /** Significand bits 31–0 of each physical register. */
  readonly lo = new Uint32Array(8);
  /** Bit i set: physical register i is empty. */
  emptyMask = 0xff;
  /** Control word. */
  cw = CW_INIT;
  /** Status word without the TOP field (kept in {@link top}). */
  sw = 0;
  /** Stack top (0–7). */
  top = 0;
  /** Last instruction's offset (EIP). */
  fip = 0;
  /** Last instruction's CS selector. */
  fcs = 0;
  /** Last instruction's opcode, 11 bits: low 3 bits of the first byte, then ModRM. */
  fop = 0;
  /** Last memory operand's offset. */
  fdp = 0;
  /** Last memory operand's segment selector. */
  fds = 0;

  /** `fninit`: control word 0x037F, everything else cleared, every register empty. */
  init(): void {
    this.cw = CW_INIT;
    this.sw = 0;
    this.top = 0;
    this.emptyMask = 0xff;
    this.fip = 0;
    this.fcs = 0;
    this.fop = 0;
    this.fdp = 0;
    this.fds = 0;
  }

  /** The status word as software sees it (TOP included). */
  statusWord(): number {
    return (this.sw & ~SW.TOP) | (this.top << 11);
  }

  /** Loads a status word (TOP included), as `fldenv`/`frstor` do. */
  setStatusWord(value: number): void {
    this.top = (value >>> 11) & 7;
    this.sw = value & ~SW.TOP & 0xffff;
  }

  /** Physical register number of ST(i). */
  phys(i: number): number {
    return (this.top + i) & 7;
  }

  /** True when ST(i) is empty. */
  isEmpty(i: number): boolean {
    return (this.emptyMask & (1 << ((this.top + i) & 7))) !== 0;
  }

  /** Copies ST(i) into `out`. */
  read(i: number, out: F80): F80 {
    const p = (this.top + i) & 7;
    return out.set(this.se[p] ?? 0, this.hi[p] ?? 0, this.lo[p] ?? 0);
  }

  /** Writes `v` into ST(i) and marks it in use. */
  write(i: number, v: F80): void {
    const p = (this.top + i) & 7;
    this.se[p] = v.se;
    this.hi[p] = v.hi;
    this.lo[p] = v.lo;
    this.emptyMask &= ~(1 << p);
  }

  /** Marks ST(i) empty (`ffree`). */
  free(i: number): void {
    this.emptyMask |= 1 << ((this.top + i) & 7);
  }

  /** Decrements TOP and writes `v` as the new ST(0) (the caller has checked for overflow). */
  push(v: F80): void {
    this.top = (this.top - 1) & 7;
    this.write(0, v);
  }

  /** Marks ST(0) empty and increments TOP. */
  pop(): void {
    this.emptyMask |= 1 << this.top;
    this.top = (this.top + 1) & 7;
  }

  /** The two-bit tag of physical register `p`: 0 valid, 1 zero, 2 special, 3 empty. */
  tagOf(p: number): number {
    if ((this.emptyMask & (1 << p)) !== 0) return 3;
    const kind = classify(this.se[p] ?? 0, this.hi[p] ?? 0, this.lo[p] ?? 0);
    if (kind === Kind.Zero) return 1;
    return kind === Kind.Normal ? 0 : 2;
  }

  /** The full tag word (physical register 0 in bits 0–1). */
  tagWord(): number {
    let tw = 0;
    for (let p = 0; p < 8; p++) tw |= this.tagOf(p) << (2 * p);
    return tw;
  }

  /** Loads a tag word: only "empty" (11b) matters; other tags are recomputed from contents. */
  setTagWord(tw: number): void {
    let mask = 0;
    for (let p = 0; p < 8; p++) if (((tw >>> (2 * p)) & 3) === 3) mask |= 1 << p;
    this.emptyMask = mask;
  }

  /** True when any exception flag is set whose mask bit is clear (an error is pending). */
  unmaskedPending(): boolean {
    return (this.sw & ~this.cw & SW.EXCEPTIONS) !== 0;
  }

  /** Recomputes ES and B from the flags and masks (after `fldcw`, `fldenv`, `frstor`). */
  updateErrorSummary(): void {
    if (this.unmaskedPending()) this.sw |= SW.ES | SW.B;
    else this.sw &= ~(SW.ES | SW.B);
  }

  /**
   * Records the exceptions an operation raised: sticky flags, C1 (set when {@link Exc.C1}
   * is present, cleared otherwise) and ES/B for unmasked ones.
   *
   * With `keepC1` (fcomi, fcmov: instructions that leave C1 alone on real processors) C1
   * is not touched.
   *
   * @returns true when an unmasked IE, DE or ZE occurred: the destination must then stay
   *   unchanged (and nothing is popped). Unmasked OE/UE still deliver their biased result.
   */
  raise(flags: number, keepC1 = false): boolean {
    if (keepC1) this.sw |= flags & (SW.EXCEPTIONS | SW.SF);
    else this.sw = (this.sw & ~SW.C1) | (flags & (SW.EXCEPTIONS | SW.SF | SW.C1));
    const unmasked = flags & ~this.cw & SW.EXCEPTIONS;
    if (unmasked !== 0) this.sw |= SW.ES | SW.B;
    return (unmasked & (Exc.IE | Exc.DE | Exc.ZE)) !== 0;
  }

  /** True when invalid operation is masked (the default results are delivered). */
  invalidMasked(): boolean {
    return (this.cw & Exc.IE) !== 0;
  }

  /**
   * Stack underflow (an empty register read): IE, SF and C1 = 0.
   *
   * @returns true when IE is masked, so the caller delivers the QNaN indefinite.
   */
  underflow(): boolean {
    this.raise(Exc.IE | Exc.SF);
    return this.invalidMasked();
  }

  /**
   * Stack overflow (a push onto a full stack): IE, SF and C1 = 1; when masked, the push
   * happens with the QNaN indefinite as the value.
   *
   * @returns true when IE is masked and the indefinite was pushed.
   */
  overflow(scratch: F80): boolean {
    this.raise(Exc.IE | Exc.SF | Exc.C1);
    if (!this.invalidMasked()) return false;
    this.push(setIndefinite(scratch));
    return true;
  }

  /** Replaces the condition codes with `cc` (a combination of C0..C3). */
  setCc(cc: number): void {
    this.sw = (this.sw & ~CC_MASK) | cc;
  }
}
