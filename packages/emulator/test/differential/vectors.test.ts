import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { listFamilies, readVectorFile, VECTORS_DIR } from "./vectors.js";
import { statSync, readdirSync } from "node:fs";

describe("committed vectors", () => {
  it("cover the instruction families of the brief and stay under 5 MB", () => {
    const families = listFamilies();
    for (const f of [
      "alu",
      "inc-dec-neg-not",
      "test",
      "shift-rotate",
      "shld-shrd",
      "mul-imul",
      "div-idiv",
      "bcd",
      "bit-test",
      "bit-scan",
      "setcc",
      "cmovcc",
      "jcc-loop",
      "bswap",
      "xadd-cmpxchg",
      "xchg",
      "movzx-movsx",
      "lea",
      "convert",
      "flag-ops",
      "string",
      "stack",
      "enter-leave",
      "traps",
      "near-branch",
      "segment-override",
      "string-segments",
      "segment-loads",
      "protection-queries",
    ]) {
      expect(families).toContain(f);
    }
    const total = readdirSync(VECTORS_DIR).reduce(
      (n, f) => n + statSync(join(VECTORS_DIR, f)).size,
      0,
    );
    expect(total).toBeLessThan(5_000_000);
  });

  it("read back with well-formed cases, including recorded #DE faults", () => {
    const div = readVectorFile("div-idiv");
    expect(div.cases.length).toBeGreaterThan(100);
    expect(div.cases.some((c) => c.o.v === 0)).toBe(true);
    expect(div.cases.some((c) => c.o.v === undefined)).toBe(true);
  });
});

describe("readVectorFile errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "vectors-"));

  it("says which file is missing", () => {
    expect(() => readVectorFile("nope", dir)).toThrow(/no vector file .*nope\.json\.gz/);
  });

  it("rejects files that are not gzip'd JSON", () => {
    writeFileSync(join(dir, "junk.json.gz"), "not gzip");
    expect(() => readVectorFile("junk", dir)).toThrow(/not gzip'd JSON/);
  });

  it("rejects a file of another family or with malformed cases", () => {
    writeFileSync(join(dir, "a.json.gz"), gzipSync(JSON.stringify({ family: "b", cases: [] })));
    expect(() => readVectorFile("a", dir)).toThrow(/does not hold/);
    writeFileSync(
      join(dir, "c.json.gz"),
      gzipSync(JSON.stringify({ family: "c", cases: [{ c: "90", t: "bogus" }] })),
    );
    expect(() => readVectorFile("c", dir)).toThrow(/case 0 is malformed/);
  });

  it("lists no families in a directory without vectors", () => {
    expect(listFamilies(join(dir, "missing"))).toEqual([]);
  });
});
