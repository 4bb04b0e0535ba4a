/**
 * The x87 differential suite: every case recorded on the host's real x87 by
 * `fixtures/x87/harness.c` is replayed on the emulated FPU and must match — bit for bit
 * for everything but the transcendental instructions, whose values must agree within a
 * relative 2^-62 (two extended ulps; see the README's table of differences).
 */

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  APPROXIMATE,
  compareResults,
  loadVectors,
  outsideDomain,
  parseVector,
  runVector,
} from "./replay.js";

/** The committed vectors, or another recording named by X87_VECTORS (see the README). */
const VECTORS =
  process.env["X87_VECTORS"] ??
  fileURLToPath(new URL("../../fixtures/x87/vectors.txt.gz", import.meta.url));

const lines = loadVectors(VECTORS);
const byName = new Map<string, string[]>();
for (const line of lines) {
  const name = line.slice(0, line.indexOf(" "));
  const list = byName.get(name) ?? [];
  list.push(line);
  byName.set(name, list);
}

describe("x87 differential replay against the host x87", () => {
  it("has recorded vectors for every instruction form", () => {
    expect(lines.length).toBeGreaterThan(5000);
    expect(byName.size).toBeGreaterThan(150);
  });

  for (const [name, cases] of byName) {
    it(`${name.replace(/_/g, " ")} (${cases.length} cases${APPROXIMATE.has(name) ? ", approximate" : ""})`, () => {
      const failures: string[] = [];
      for (const line of cases) {
        const v = parseVector(line);
        const diff = compareResults(v, runVector(v));
        if (diff !== "") failures.push(`${diff}\n    ${line}`);
      }
      expect(failures.slice(0, 3)).toEqual([]);
    });
  }

  it("compares most transcendental cases by value, not only by stack shape", () => {
    const approximate = lines.map(parseVector).filter((v) => APPROXIMATE.has(v.name));
    const relaxed = approximate.filter(outsideDomain).length;
    expect(relaxed).toBeLessThan(approximate.length * 0.05);
  });
});
