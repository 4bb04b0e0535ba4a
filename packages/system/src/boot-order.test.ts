import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BootError, bootOrder } from "./boot-order.js";
import type { Component } from "./component.js";
import { ServiceKey } from "./service-key.js";

const A = new ServiceKey<number>("a");
const B = new ServiceKey<number>("b");

const comp = (
  name: string,
  provides: ServiceKey<number>[],
  needs: ServiceKey<number>[],
): Component => ({
  name,
  provides,
  needs,
  init: () => {},
});

describe("bootOrder", () => {
  it("keeps install order when nothing depends on anything", () => {
    const cs = [comp("x", [], []), comp("y", [], []), comp("z", [], [])];
    expect(bootOrder(cs).map((c) => c.name)).toEqual(["x", "y", "z"]);
  });

  it("puts providers of a chain first", () => {
    const cs = [comp("top", [], [B]), comp("mid", [B], [A]), comp("base", [A], [])];
    expect(bootOrder(cs).map((c) => c.name)).toEqual(["base", "mid", "top"]);
  });

  it("names the components of a dependency cycle", () => {
    const cs = [comp("p", [A], [B]), comp("q", [B], [A])];
    expect(() => bootOrder(cs)).toThrow(/p → q → p/);
  });

  it("lets a component need what it provides itself", () => {
    expect(bootOrder([comp("self", [A], [A])]).map((c) => c.name)).toEqual(["self"]);
  });

  it("rejects two components with the same name", () => {
    try {
      bootOrder([comp("twin", [], []), comp("twin", [], [])]);
      expect.unreachable();
    } catch (e) {
      expect((e as BootError).kind).toBe("duplicate-name");
    }
  });
});

describe("bootOrder on random dependency graphs", () => {
  it("always puts every provider before the components that need it", () => {
    // Component i may only need services of components j < i, so the graph is acyclic;
    // the install order is then shuffled.
    const graph = fc
      .integer({ min: 1, max: 12 })
      .chain((n) =>
        fc.tuple(
          fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray([...Array(i).keys()]))),
          fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(graph, ([needs, installOrder]) => {
        const keys = needs.map((_, i) => new ServiceKey<number>(`s${i}`));
        const comps = needs.map((deps, i) =>
          comp(
            `c${i}`,
            [keys[i]!],
            deps.map((d) => keys[d]!),
          ),
        );
        const order = bootOrder(installOrder.map((i) => comps[i]!)).map((c) => c.name);
        needs.forEach((deps, i) => {
          for (const d of deps) expect(order.indexOf(`c${d}`)).toBeLessThan(order.indexOf(`c${i}`));
        });
        expect(order).toHaveLength(needs.length);
      }),
    );
  });
});
