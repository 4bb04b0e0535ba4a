/**
 * The one table of what the Intel SDM leaves undefined after each instruction class.
 *
 * The differential replay compares every EFLAGS bit in {@link COMPARED_FLAGS} except
 * those a rule here masks, and every register except a destination a rule declares
 * undefined. Nothing else is masked anywhere. Each entry cites the SDM's "Flags Affected"
 * wording (Intel SDM vol. 2, instruction reference) for the instructions it covers.
 */

/** EFLAGS.CF. */
export const CF = 0x0001;
/** EFLAGS.PF. */
export const PF = 0x0004;
/** EFLAGS.AF. */
export const AF = 0x0010;
/** EFLAGS.ZF. */
export const ZF = 0x0040;
/** EFLAGS.SF. */
export const SF = 0x0080;
/** EFLAGS.DF. */
export const DF = 0x0400;
/** EFLAGS.OF. */
export const OF = 0x0800;
/** The six arithmetic status flags. */
export const STATUS_FLAGS = CF | PF | AF | ZF | SF | OF;

/** What a rule is told about a case. */
export interface MaskInput {
  /** Operand size in bits. */
  size: 8 | 16 | 32;
  /** The case's rule input: a shift count (already masked to 5 bits), a source value, … */
  aux: number;
}

/** What the SDM leaves undefined for one case. */
export interface UndefinedParts {
  /** EFLAGS bits not to compare. */
  flags: number;
  /** True when the destination (the low `size` bits of a register, or the memory operand) is undefined. */
  dest: boolean;
}

/** A rule: from the case to the undefined parts. */
export type MaskRule = (input: MaskInput) => UndefinedParts;

const only =
  (flags: number): MaskRule =>
  () => ({ flags, dest: false });

/** Flags for a shift by a masked count (SHL/SAL, SHR, SAR). */
function shiftRule(cfUndefinedAtSize: boolean): MaskRule {
  return ({ size, aux: count }) => {
    // "If the count is 0, the flags are not affected."
    if (count === 0) return { flags: 0, dest: false };
    // "For a non-zero count, the AF flag is undefined."
    let flags = AF;
    // "The OF flag is affected only for 1-bit shifts; otherwise, it is undefined."
    if (count !== 1) flags |= OF;
    // "CF is undefined for SHL and SHR where the count is greater than or equal to the
    // size (in bits) of the destination operand."
    if (cfUndefinedAtSize && count >= size) flags |= CF;
    return { flags, dest: false };
  };
}

/** Flags for rotates: only CF and OF are written, OF only defined for 1-bit rotates. */
const rotateRule: MaskRule = ({ aux: count }) =>
  // "The OF flag is defined only for the 1-bit rotates; it is undefined in all other cases
  // (except RCL and RCR instructions only: a zero-bit rotate does nothing, that is affects
  // no flags)." A masked count of 0 leaves OF unchanged for ROL/ROR too.
  ({ flags: count === 0 || count === 1 ? 0 : OF, dest: false });

/** Flags and result of SHLD/SHRD by a masked count. */
const doubleShiftRule: MaskRule = ({ size, aux: count }) => {
  // "If the count operand is 0, the flags are not affected."
  if (count === 0) return { flags: 0, dest: false };
  // "If the count is greater than the operand size, the result is undefined", and so are
  // all the flags (only reachable with 16-bit operands, since counts are masked to 5 bits).
  if (count > size) return { flags: STATUS_FLAGS, dest: true };
  // "For a 1-bit shift, the OF flag is set if a sign change occurred; otherwise, it is
  // undefined... The AF flag is undefined" for a non-zero count.
  return { flags: count === 1 ? AF : AF | OF, dest: false };
};

/** Flags and result of BSF/BSR for a source value. */
const bitScanRule: MaskRule = ({ aux: source }) =>
  // "The ZF flag is set to 1 if the source operand is 0; otherwise, cleared. The CF, OF,
  // SF, AF, and PF flags are undefined." and "If the content of the source operand is 0,
  // the content of the destination operand is undefined."
  ({ flags: CF | OF | SF | AF | PF, dest: source === 0 });

/**
 * Undefined parts per instruction class. Keys are the `t` field of a vector case.
 *
 * @example
 * ```ts
 * UNDEFINED.logic({ size: 32, aux: 0 }).flags; // AF
 * ```
 */
export const UNDEFINED = {
  /** MOV, XCHG, LEA, MOVZX/MOVSX, BSWAP, CBW…, LAHF, push/pop, string moves: nothing undefined. */
  none: only(0),
  /** ADD ADC SUB SBB CMP NEG INC DEC, XADD, CMPXCHG(8B), CMPS/SCAS, SAHF, POPF, CLC/STC/CMC: every flag is defined. */
  arith: only(0),
  /** AND OR XOR TEST: "OF and CF cleared; SF, ZF, PF set by the result. The state of the AF flag is undefined." */
  logic: only(AF),
  /** SHL/SAL and SHR: see shiftRule (AF, OF for counts > 1, CF for counts ≥ size). */
  shlShr: shiftRule(true),
  /** SAR: as SHL/SHR, but the SDM leaves CF defined for large counts. */
  sar: shiftRule(false),
  /** ROL ROR RCL RCR: OF defined only for 1-bit rotates. */
  rotate: rotateRule,
  /** SHLD SHRD: see doubleShiftRule. */
  doubleShift: doubleShiftRule,
  /** MUL IMUL (all forms): "The SF, ZF, AF, and PF flags are undefined." CF and OF are defined. */
  mul: only(SF | ZF | AF | PF),
  /** DIV IDIV: "The CF, OF, SF, ZF, AF, and PF flags are undefined." */
  div: only(STATUS_FLAGS),
  /** DAA DAS: "The OF flag is undefined." */
  daa: only(OF),
  /** AAA AAS: "The OF, SF, ZF, and PF flags are undefined." */
  aaa: only(OF | SF | ZF | PF),
  /** AAM AAD: "The OF, AF, and CF flags are undefined." */
  aam: only(OF | AF | CF),
  /** BT BTS BTR BTC: "The ZF flag is unaffected. The OF, SF, AF, and PF flags are undefined." */
  bt: only(OF | SF | AF | PF),
  /** BSF BSR: see bitScanRule (destination undefined for a zero source). */
  bitScan: bitScanRule,
  /**
   * PUSH Sreg with a 32-bit operand: no flags change, but the SDM lets the CPU "either
   * push a zero-extended value or write the selector with a 16-bit move, leaving the
   * upper portion of the stack location unmodified", so the upper two bytes of the
   * pushed dword (the case's memory destination) are undefined.
   */
  segmentPush: () => ({ flags: 0, dest: true }),
  /**
   * Multi-instruction cases (flag-chains): the generator applies this table's rules to
   * each instruction of the sequence in turn and passes the flags still undefined after
   * the last one as the input; no flag another instruction of the chain reads is ever
   * undefined at that point.
   */
  chain: ({ aux }) => ({ flags: aux & STATUS_FLAGS, dest: false }),
} as const satisfies Record<string, MaskRule>;

/** A key of the {@link UNDEFINED} table. */
export type MaskTag = keyof typeof UNDEFINED;

/** True when `tag` names a rule of the table (vector files are checked with it). */
export function isMaskTag(tag: string): tag is MaskTag {
  return Object.hasOwn(UNDEFINED, tag);
}
