/**
 * Loads the committed differential vectors (`fixtures/diff/vectors/<family>.json.gz`).
 * Tests only read these files; recording them needs the native toolchain (build.sh).
 */

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { VectorFile } from "./case-format.js";
import { isMaskTag } from "./undefined-flags.js";

/** Directory holding the committed vector files. */
export const VECTORS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../fixtures/diff/vectors",
);

/** Family names that have a vector file, sorted. */
export function listFamilies(dir: string = VECTORS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json.gz"))
    .map((f) => f.slice(0, -".json.gz".length))
    .sort();
}

/**
 * Reads and checks one family's vectors; throws with the file name when the file is
 * missing, not gzip'd JSON, or has cases of the wrong shape.
 *
 * @example
 * ```ts
 * const file = readVectorFile("alu");
 * file.cases.length; // number of recorded ALU cases
 * ```
 */
export function readVectorFile(family: string, dir: string = VECTORS_DIR): VectorFile {
  const path = join(dir, `${family}.json.gz`);
  if (!existsSync(path)) throw new Error(`no vector file ${path}: run fixtures/diff/build.sh`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8"));
  } catch (e) {
    throw new Error(`vector file ${path} is not gzip'd JSON: ${(e as Error).message}`);
  }
  const file = parsed as VectorFile;
  if (
    typeof file !== "object" ||
    file === null ||
    file.family !== family ||
    !Array.isArray(file.cases)
  ) {
    throw new Error(`vector file ${path} does not hold the cases of family "${family}"`);
  }
  for (const [i, c] of file.cases.entries()) {
    const ok =
      typeof c.c === "string" &&
      typeof c.d === "string" &&
      isMaskTag(c.t) &&
      (c.z === 8 || c.z === 16 || c.z === 32) &&
      Number.isInteger(c.s) &&
      Array.isArray(c.r) &&
      Array.isArray(c.p) &&
      Number.isInteger(c.f) &&
      typeof c.o === "object" &&
      c.o !== null &&
      Array.isArray(c.o.r) &&
      Array.isArray(c.o.m);
    if (!ok) throw new Error(`vector file ${path}: case ${i} is malformed`);
  }
  return file;
}
