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
