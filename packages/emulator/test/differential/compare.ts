/**
 * Compares what the emulator did with what the host CPU recorded for one case, applying
 * the undefined-flags table, and formats a readable diff.
 */

import {
  COMPARED_FLAGS,
  DATA_BASE,
  LOW_SIZE,
  MEM_SIZE,
  NO_FAULT,
  REG_NAMES,
  expectedState,
  type VectorCase,
} from "./case-format.js";
import { UNDEFINED, isMaskTag } from "./undefined-flags.js";

/** The emulator's state after running a case. */
export interface ActualState {
  /** Exception vector the emulator delivered, or {@link NO_FAULT}. */
  vector: number;
  /** The eight GPRs (unsigned), at the fault for faulting cases. */
  regs: number[];
  /** EFLAGS (after the case, or the image pushed by the fault). */
  eflags: number;
  /** Faulting EIP minus the case's first byte (faults only). */
  eipOffset: number;
  /** Error code the exception pushed, or -1 when its vector pushes none. */
  errorCode: number;
  /** The data buffer. */
  mem: Uint8Array;
  /** The low bytes below it. */
  low: Uint8Array;
  /** Buffer offsets (negative: low bytes) the emulator's exception frame overwrote; not compared. */
  frameBytes: ReadonlySet<number>;
  /** Set when the run did not end at the case's `hlt` or an exception stub. */
  problem?: string;
}

const FLAG_NAMES: [number, string][] = [
  [0x0001, "CF"],
  [0x0004, "PF"],
  [0x0010, "AF"],
  [0x0040, "ZF"],
  [0x0080, "SF"],
  [0x0400, "DF"],
  [0x0800, "OF"],
];

/** Exception vectors that are faults (reported before the instruction changes state). */
const FAULTS = new Set([0, 5, 6, 10, 11, 12, 13, 14, 17]);
const NOTHING_UNDEFINED = { flags: 0, dest: false } as const;

/** Names of the flags set in `value` among those in `mask` (e.g. "CF ZF"). */
export function flagNames(value: number, mask: number): string {
  const names = FLAG_NAMES.filter(([bit]) => mask & bit && value & bit).map(([, n]) => n);
  return names.length ? names.join(" ") : "-";
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, "0")}`;
const vectorName = (v: number): string => (v === NO_FAULT ? "no fault" : `vector ${v}`);

/**
 * Returns the differences between the recorded outcome of `c` and `actual`, one line
 * each; an empty list means the emulator agrees with the hardware.
 *
 * @example
 * ```ts
 * const lines = compareCase(vectorCase, replay.run(vectorCase, 0));
 * if (lines.length) console.log(formatFailure(vectorCase, lines));
 * ```
 */
export function compareCase(c: VectorCase, actual: ActualState): string[] {
  if (actual.problem) return [actual.problem];
  if (!isMaskTag(c.t)) return [`unknown undefined-flags tag "${c.t}"`];
  const want = expectedState(c);
  // A fault (not a trap) on the case's first instruction means it never executed: the
  // state is the input's, so nothing is undefined.
  const notExecuted = want.vector !== NO_FAULT && want.eipOffset === 0 && FAULTS.has(want.vector);
  const rule = notExecuted ? NOTHING_UNDEFINED : UNDEFINED[c.t]({ size: c.z, aux: c.a ?? 0 });
  const diffs: string[] = [];
  if (want.vector !== actual.vector) {
    diffs.push(`fault: expected ${vectorName(want.vector)}, got ${vectorName(actual.vector)}`);
    return diffs;
  }
  for (let i = 0; i < 8; i++) {
    let mask = 0xffff_ffff;
    if (rule.dest && c.g !== undefined && i === c.g) {
      // Only the operand-size part of the destination is undefined.
      mask = c.z === 32 ? 0 : ~((1 << c.z) - 1) >>> 0;
    }
    const w = (want.regs[i]! & mask) >>> 0;
    const a = (actual.regs[i]! & mask) >>> 0;
    if (w !== a) diffs.push(`${REG_NAMES[i]}: expected ${hex(w)}, got ${hex(a)}`);
  }
  const flagMask = COMPARED_FLAGS & ~rule.flags;
  if ((want.eflags & flagMask) !== (actual.eflags & flagMask)) {
    diffs.push(
      `eflags (compared ${flagNames(-1, flagMask)}): expected ${flagNames(want.eflags, flagMask)}, ` +
        `got ${flagNames(actual.eflags, flagMask)}`,
    );
  }
  if (want.vector !== NO_FAULT && want.eipOffset !== actual.eipOffset) {
    diffs.push(`faulting EIP: expected case+${want.eipOffset}, got case+${actual.eipOffset}`);
  }
  if (want.errorCode !== -1 && want.errorCode !== actual.errorCode) {
    diffs.push(
      `error code: expected 0x${want.errorCode.toString(16)}, got 0x${(actual.errorCode >>> 0).toString(16)}`,
    );
  }
  const undefinedFrom = rule.dest && c.w !== undefined ? c.w : MEM_SIZE;
  const undefinedTo = undefinedFrom + c.z / 8;
  for (let o = -LOW_SIZE; o < MEM_SIZE; o++) {
    if (actual.frameBytes.has(o)) continue;
    if (o >= undefinedFrom && o < undefinedTo) continue;
    const w = o < 0 ? want.low[o + LOW_SIZE]! : want.mem[o]!;
    const a = o < 0 ? actual.low[o + LOW_SIZE]! : actual.mem[o]!;
    if (w !== a) {
      const where = `buf${o < 0 ? "" : "+"}${o}`;
      diffs.push(
        `mem[${where}] (${hex(DATA_BASE + o)}): expected 0x${w.toString(16)}, got 0x${a.toString(16)}`,
      );
    }
  }
  return diffs;
}

/** A failure report for one case: its description, bytes, inputs and the diff lines. */
export function formatFailure(c: VectorCase, diffs: string[]): string {
  const regs = c.r.map(([i, v]) => `${REG_NAMES[i]}=${hex(v)}`).join(" ");
  return (
    `${c.d}  [bytes ${c.c}]  in: ${regs || "(seeded)"} flags=${flagNames(c.f, COMPARED_FLAGS)} seed=${c.s}\n` +
    diffs.map((d) => `    ${d}`).join("\n")
  );
}
