/**
 * Differential replay: every case the host CPU recorded (fixtures/diff/vectors) runs on
 * the emulator and must leave the same registers, flags (minus the SDM's undefined ones,
 * see undefined-flags.ts), memory and exception vector. One test per instruction family.
 */

import { describe, expect, it } from "vitest";
import { compareCase, formatFailure } from "./compare.js";
import { MAX_SLOTS, ReplayMachine } from "./replay.js";
import { listFamilies, readVectorFile } from "./vectors.js";

/** Failures printed in full per family; the rest are counted. */
const SHOWN = 12;

/**
 * Families whose instructions the CPU does not implement yet, with the reason. A family
 * listed here is skipped visibly; everything else must pass.
 */
const UNIMPLEMENTED: Record<string, string> = {};

describe("differential replay against recorded hardware vectors", () => {
  const families = listFamilies();

  it("has vectors for every family", () => {
    expect(families.length).toBeGreaterThanOrEqual(20);
  });

  for (const family of families) {
    const reason = UNIMPLEMENTED[family];
    const test = reason ? it.skip : it;
    test(`${family}${reason ? ` (skipped: ${reason})` : ""}`, () => {
      const file = readVectorFile(family);
      let replay = new ReplayMachine();
      const failures: string[] = [];
      let failed = 0;
      file.cases.forEach((c, i) => {
        const slot = i % MAX_SLOTS;
        if (slot === 0 && i > 0) replay = new ReplayMachine();
        const diffs = compareCase(c, replay.run(c, slot));
        if (diffs.length === 0) return;
        failed++;
        if (failures.length < SHOWN) failures.push(formatFailure(c, diffs));
      });
      const summary =
        `${failed} of ${file.cases.length} ${family} cases differ from the hardware ` +
        `(${file.recordedOn}):\n${failures.join("\n")}` +
        (failed > SHOWN ? `\n  … and ${failed - SHOWN} more` : "");
      expect(failed, summary).toBe(0);
    });
  }
});
