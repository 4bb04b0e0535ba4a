import { describe, expect, it } from "vitest";
import { generateAll } from "../../fixtures/diff/gen/generate.js";
import { listFamilies, readVectorFile } from "./vectors.js";

describe("committed vectors and the case generator", () => {
  const generated = generateAll();

  it("are the same families", () => {
    expect(generated.map((g) => g.family.name).sort()).toEqual(listFamilies());
  });

  it("hold exactly the inputs the generator makes (re-run fixtures/diff/build.sh if not)", () => {
    for (const { family, cases } of generated) {
      const file = readVectorFile(family.name);
      const committed = file.cases.map(({ o: _outcome, ...input }) => input);
      expect(committed, `vectors/${family.name}.json.gz is stale`).toEqual(
        cases.map((c) => c.stored),
      );
    }
  });

  it("is deterministic", () => {
    const again = generateAll();
    expect(again[0]!.cases.slice(0, 50)).toEqual(generated[0]!.cases.slice(0, 50));
  });
});
