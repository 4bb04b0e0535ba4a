/**
 * Typed tokens that name a service, so that one component can find another's service
 * through the {@link ServiceRegistry} without importing the package that implements it.
 */
import type { Component } from "./component.js";

/**
 * The name of a service of type `T`.
 *
 * A key is an object, compared by identity: two keys with the same name are different
 * services. The package that defines an interface exports its key beside it; providers and
 * users both import the key, never each other.
 *
 * A key may name a default provider: when a kernel installs a component that needs the
 * service but no component that provides it, {@link System.boot} installs the default.
 * This is how a hardware layer's basics (descriptor tables, trap entry) come up without
 * the kernel having to list them.
 *
 * @typeParam T - the type of the service object registered under this key.
 * @example
 * ```ts
 * interface Clock { now(): number }
 * const ClockService = new ServiceKey<Clock>("clock");
 * ```
 */
export class ServiceKey<T> {
  /** Phantom field that ties the key to its service type; never set. */
  declare readonly __service?: T;

  /**
   * @param name - a human-readable name used in boot errors and logs (e.g. `"arch-x86.interrupts"`).
   * @param defaultProvider - makes the component installed when the service is needed but nobody provides it.
   */
  constructor(
    readonly name: string,
    readonly defaultProvider?: () => Component<never>,
  ) {}

  /** The key's name, for messages. */
  toString(): string {
    return `service ${this.name}`;
  }
}

/** Any service key, whatever its service type. */
export type AnyServiceKey = ServiceKey<unknown>;
