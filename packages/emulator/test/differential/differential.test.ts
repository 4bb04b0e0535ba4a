/**
 * Differential replay: every case the host CPU recorded (fixtures/diff/vectors) runs on
 * the emulator and must leave the same registers, flags (minus the SDM's undefined ones,
 * see undefined-flags.ts), memory and exception vector. One test per instruction family.
 */

import { describe, expect, it } from "vitest";
import { compareCase, formatFailure } from "./compare.js";
import { MAX_SLOTS, ReplayMachine } from "./replay.js";
import { listFamilies, readVectorFile } from "./vectors.js";

/** Failures printed in full per family (`DIFF_SHOW=100` shows more); the rest are counted. */
const SHOWN = Number(process.env["DIFF_SHOW"] ?? 12) || 12;
/** Only cases whose description matches this regular expression (`DIFF_ONLY=^bound`). */
const ONLY = process.env["DIFF_ONLY"] ? new RegExp(process.env["DIFF_ONLY"]) : null;

/**
 * Families whose instructions the CPU does not implement yet, with the reason. A family
 * listed here is skipped visibly; everything else must pass.
 */
const UNIMPLEMENTED: Record<string, string> = {};

/** The mnemonic of a case description, with any `lock`/`rep` prefix word. */
function formOf(description: string): string {
  const words = description.split(" ");
  const prefixed = ["lock", "rep", "repne", "addr16"].includes(words[0] ?? "");
  return prefixed ? `${words[0]} ${words[1]}` : (words[0] ?? "?");
}

/** Replays one family; returns the number of differing cases and a readable summary. */
function replayFamily(family: string, paging: boolean): { failed: number; summary: string } {
  const file = readVectorFile(family);
  const machine = (): ReplayMachine => new ReplayMachine({ paging });
  let replay = machine();
  const failures: string[] = [];
  const byForm = new Map<string, number>();
  let failed = 0;
  const cases = ONLY ? file.cases.filter((c) => ONLY.test(c.d)) : file.cases;
  cases.forEach((c, i) => {
    const slot = i % MAX_SLOTS;
    if ((slot === 0 && i > 0) || replay.broken || c.n) replay = machine();
    const diffs = compareCase(c, replay.run(c, slot));
    if (diffs.length === 0) return;
    failed++;
    const form = `${formOf(c.d)}/${c.z}`;
    byForm.set(form, (byForm.get(form) ?? 0) + 1);
    if (failures.length < SHOWN) failures.push(formatFailure(c, diffs));
  });
  const forms = [...byForm].map(([f, n]) => `${f}: ${n}`).join(", ");
  const summary =
    `${failed} of ${cases.length} ${family} cases differ from the hardware ` +
    `(${file.recordedOn})${paging ? " with paging on" : ""}.\n` +
    `Failing forms (mnemonic/operand size: count): ${forms}\n${failures.join("\n")}` +
    (failed > SHOWN ? `\n  … and ${failed - SHOWN} more` : "");
  return { failed, summary };
}

const families = listFamilies();

describe("differential replay against recorded hardware vectors", () => {
  it("has vectors for every family", () => {
    expect(families.length).toBeGreaterThanOrEqual(20);
  });

  for (const family of families) {
    const reason = UNIMPLEMENTED[family];
    const test = reason ? it.skip : it;
    test(`${family}${reason ? ` (skipped: ${reason})` : ""}`, () => {
      const { failed, summary } = replayFamily(family, false);
      expect(failed, summary).toBe(0);
    });
  }
});

describe("the same vectors with paging on (neighbouring pages swapped: the MMU and TLB must not change any outcome)", () => {
  for (const family of families) {
    const reason = UNIMPLEMENTED[family];
    const test = reason ? it.skip : it;
    test(`${family} (paged)${reason ? ` (skipped: ${reason})` : ""}`, () => {
      const { failed, summary } = replayFamily(family, true);
      expect(failed, summary).toBe(0);
    });
  }
});
