/**
 * Works out the order in which components initialise: every provider before the
 * components that need it, install order otherwise. Also where the boot errors come from:
 * a service with two providers, a need nobody provides, a dependency cycle.
 */
import type { Component } from "./component.js";
import type { AnyServiceKey } from "./service-key.js";

/** Why a boot failed. */
export type BootErrorKind =
  | "duplicate-provider"
  | "missing-dependency"
  | "dependency-cycle"
  | "duplicate-name"
  | "init-failed";

/** A boot that cannot proceed; `kind` says why and the message names the components involved. */
export class BootError extends Error {
  override readonly name = "BootError";
  /** Creates an error of `kind`. */
  constructor(
    /** What went wrong. */
    readonly kind: BootErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Adds the default providers that missing needs call for, in place: a need nobody
 * provides whose key has a `defaultProvider` gets that component appended. Repeats until
 * nothing changes, since defaults may need defaults of their own.
 */
export function addDefaultProviders(components: Component<never>[]): void {
  for (let changed = true; changed;) {
    changed = false;
    const provided = new Set<AnyServiceKey>(components.flatMap((c) => c.provides ?? []));
    for (const component of [...components]) {
      for (const need of component.needs ?? []) {
        if (provided.has(need) || !need.defaultProvider) continue;
        const fallback = need.defaultProvider();
        if (!(fallback.provides ?? []).includes(need)) {
          throw new BootError(
            "missing-dependency",
            `the default provider ${fallback.name} of ${need} does not declare it in provides`,
          );
        }
        components.push(fallback);
        for (const key of fallback.provides ?? []) provided.add(key);
        changed = true;
      }
    }
  }
}

/**
 * Returns `components` in initialisation order.
 *
 * @throws {@link BootError} for two components with one name, two providers of one
 * service, a need with no provider, or a dependency cycle; each message names the
 * components concerned.
 */
export function bootOrder<C extends Component<never>>(components: readonly C[]): C[] {
  const names = new Map<string, C>();
  for (const c of components) {
    if (names.has(c.name)) {
      throw new BootError("duplicate-name", `two components are named ${c.name}`);
    }
    names.set(c.name, c);
  }
  const providerOf = new Map<AnyServiceKey, C>();
  for (const c of components) {
    for (const key of c.provides ?? []) {
      const other = providerOf.get(key);
      if (other && other !== c) {
        throw new BootError(
          "duplicate-provider",
          `${key} is provided by both ${other.name} and ${c.name}`,
        );
      }
      providerOf.set(key, c);
    }
  }
  const deps = new Map<C, C[]>();
  for (const c of components) {
    const list: C[] = [];
    for (const need of c.needs ?? []) {
      const provider = providerOf.get(need);
      if (!provider) {
        throw new BootError(
          "missing-dependency",
          `${c.name} needs ${need}, which no installed component provides`,
        );
      }
      if (provider !== c) list.push(provider);
    }
    deps.set(c, list);
  }
  // Depth-first in install order: stable, and the path on the stack names a cycle.
  const order: C[] = [];
  const done = new Set<C>();
  const onPath: C[] = [];
  const visit = (c: C): void => {
    if (done.has(c)) return;
    const at = onPath.indexOf(c);
    if (at >= 0) {
      const cycle = [...onPath.slice(at), c].map((x) => x.name).join(" → ");
      throw new BootError("dependency-cycle", `components depend on each other: ${cycle}`);
    }
    onPath.push(c);
    for (const d of deps.get(c) ?? []) visit(d);
    onPath.pop();
    done.add(c);
    order.push(c);
  };
  for (const c of components) visit(c);
  return order;
}
