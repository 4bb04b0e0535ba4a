import { describe, expect, it } from "vitest";
import { BootError } from "./boot-order.js";
import type { Component, ComponentContext } from "./component.js";
import { LogLevel } from "./kernel-log.js";
import { ServiceKey } from "./service-key.js";
import { System } from "./system.js";

interface Counter {
  next(): number;
}
const CounterKey = new ServiceKey<Counter>("counter");
const GreeterKey = new ServiceKey<{ greet(): string }>("greeter");

function counter(name = "counter"): Component {
  let n = 0;
  return {
    name,
    provides: [CounterKey],
    init: (ctx) => ctx.provide(CounterKey, { next: () => ++n }),
  };
}

describe("System", () => {
  it("initialises providers before the components that need them, then calls start", () => {
    const events: string[] = [];
    const greeter: Component = {
      name: "greeter",
      provides: [GreeterKey],
      needs: [CounterKey],
      init(ctx) {
        const c = ctx.get(CounterKey);
        events.push("init greeter");
        ctx.provide(GreeterKey, { greet: () => `hello #${c.next()}` });
      },
    };
    const base = counter();
    const wrapped: Component = {
      ...base,
      init: (ctx) => (events.push("init counter"), base.init(ctx)),
    };
    class Kernel extends System<{ id: string }> {
      override start(): void {
        events.push(`start ${this.get(GreeterKey).greet()}`);
      }
    }
    const kernel = new Kernel({ id: "m" });
    kernel.install(greeter); // installed first, but needs the counter
    kernel.install(wrapped);
    kernel.boot();
    expect(events).toEqual(["init counter", "init greeter", "start hello #1"]);
    expect(kernel.state).toBe("running");
  });

  it("gives components the machine and the default output", () => {
    const seen: ComponentContext<{ id: string }>[] = [];
    const system = new System({ id: "pc" });
    const out: string[] = [];
    system.setDefaultOutput({ write: (t) => void out.push(t) });
    system.install({ name: "probe", init: (ctx) => void seen.push(ctx) });
    system.boot();
    expect(seen[0]?.machine.id).toBe("pc");
    seen[0]?.defaultOutput()?.write("x");
    expect(out).toEqual(["x"]);
  });

  it("fails the boot naming both components when two provide one service", () => {
    const system = new System(null);
    system.install(counter("first-counter"));
    system.install(counter("second-counter"));
    expect(() => system.boot()).toThrow(BootError);
    const fresh = new System(null);
    fresh.install(counter("first-counter"));
    fresh.install(counter("second-counter"));
    expect(() => fresh.boot()).toThrow(/first-counter.*second-counter/);
    expect(fresh.state).toBe("failed");
  });

  it("fails the boot naming the component and the missing service", () => {
    const system = new System(null);
    system.install({ name: "lonely", needs: [CounterKey], init: () => {} });
    let error: unknown;
    try {
      system.boot();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BootError);
    expect((error as BootError).kind).toBe("missing-dependency");
    expect((error as BootError).message).toMatch(/lonely needs service counter/);
  });

  it("installs a key's default provider when a need is otherwise unmet", () => {
    const Defaulted: ServiceKey<number> = new ServiceKey<number>("defaulted", (): Component => ({
      name: "default-provider",
      provides: [Defaulted],
      init: (ctx: ComponentContext<unknown>) => ctx.provide(Defaulted, 42),
    }));
    let got = 0;
    const system = new System(null);
    system.install({
      name: "user",
      needs: [Defaulted],
      init: (ctx) => void (got = ctx.get(Defaulted)),
    });
    system.boot();
    expect(got).toBe(42);
    expect(system.components.map((c) => c.name)).toEqual(["user", "default-provider"]);
  });

  it("wraps a failing init in a BootError and shuts down what was already up", () => {
    const log: string[] = [];
    const system = new System(null);
    system.install({ name: "ok", init: () => {}, shutdown: () => void log.push("ok down") });
    system.install({
      name: "broken",
      init: () => {
        throw new Error("no such device");
      },
    });
    expect(() => system.boot()).toThrow(/broken failed to initialise: no such device/);
    expect(log).toEqual(["ok down"]);
    expect(system.log.entries().at(-1)?.level).toBe(LogLevel.Error);
  });

  it("rejects a component that registers a service it did not declare", () => {
    const system = new System(null);
    system.install({ name: "sneaky", init: (ctx) => ctx.provide(CounterKey, { next: () => 0 }) });
    expect(() => system.boot()).toThrow(/sneaky provides service counter but does not list it/);
  });

  it("rejects a component that declares a service and never provides it", () => {
    const system = new System(null);
    system.install({ name: "lazy", provides: [CounterKey], init: () => {} });
    expect(() => system.boot()).toThrow(/lazy declares service counter but did not provide it/);
  });

  it("refuses installs after boot and a second boot", () => {
    const system = new System(null);
    system.boot();
    expect(() => system.install(counter())).toThrow(/system is running/);
    expect(() => system.boot()).toThrow(/cannot boot/);
  });

  it("shuts components down in reverse order and forgets their services", () => {
    const order: string[] = [];
    const system = new System(null);
    system.install({ ...counter(), shutdown: () => void order.push("counter") });
    system.install({
      name: "user",
      needs: [CounterKey],
      init: () => {},
      shutdown: () => void order.push("user"),
    });
    system.boot();
    system.shutdown();
    expect(order).toEqual(["user", "counter"]);
    expect(system.state).toBe("stopped");
    expect(system.services.has(CounterKey)).toBe(false);
  });

  it("logs warnings to the default output but keeps info off the screen", () => {
    const out: string[] = [];
    const system = new System(null);
    system.setDefaultOutput({ write: (t) => void out.push(t) });
    system.install({
      name: "noisy",
      init: (ctx) => {
        ctx.log.info("quiet");
        ctx.log.warn("loud");
      },
    });
    system.boot();
    expect(out).toEqual(["[warn] noisy: loud\n"]);
    expect(system.log.entries().some((e) => e.message === "quiet")).toBe(true);
  });
});
