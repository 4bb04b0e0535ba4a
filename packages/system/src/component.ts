/**
 * The `Component` contract: the unit a kernel installs. A component names the services it
 * provides and the ones it needs; the system initialises components in dependency order
 * and hands each a {@link ComponentContext}.
 */
import type { ComponentLog, KernelLog } from "./kernel-log.js";
import type { OutputDevice } from "./output-device.js";
import type { AnyServiceKey, ServiceKey } from "./service-key.js";

/**
 * What a component sees while it initialises and runs.
 *
 * @typeParam M - the machine type of the system the component is installed in.
 */
export interface ComponentContext<M> {
  /** The machine the kernel runs on (its memory, I/O ports, CPU, devices). */
  readonly machine: M;
  /** The kernel log, with this component's name on every line. */
  readonly log: ComponentLog;
  /** The whole kernel log, for components that feed it elsewhere (a serial console sink). */
  readonly kernelLog: KernelLog;
  /**
   * Registers the implementation of a service this component declared in
   * {@link Component.provides}.
   *
   * @throws when `key` is not in the component's `provides` list.
   */
  provide<T>(key: ServiceKey<T>, service: T): void;
  /**
   * The service registered under `key` by a component initialised earlier. Declare the key
   * in {@link Component.needs} so that its provider is initialised first.
   *
   * @throws when no component provides `key`.
   */
  get<T>(key: ServiceKey<T>): T;
  /** The service under `key`, or `undefined` when nobody provides it (optional dependencies). */
  find<T>(key: ServiceKey<T>): T | undefined;
  /** The system's default output device (see `System.setDefaultOutput`), or `null`. */
  defaultOutput(): OutputDevice | null;
}

/**
 * A piece of a kernel: a driver, a memory manager, a system-call layer.
 *
 * `init` runs once during `System.boot`, after every component that provides something in
 * `needs`; `shutdown` runs in reverse order when the system stops.
 *
 * @typeParam M - the machine type the component needs (use `unknown` when it needs none).
 * @example
 * ```ts
 * const Greeting = new ServiceKey<{ hello(): string }>("greeting");
 * const greeter: Component = {
 *   name: "greeter",
 *   provides: [Greeting],
 *   init(ctx) {
 *     ctx.provide(Greeting, { hello: () => "hi" });
 *   },
 * };
 * ```
 */
export interface Component<M = unknown> {
  /** A unique, human-readable name used in logs and boot errors. */
  readonly name: string;
  /** The services this component registers during `init`. */
  readonly provides?: readonly AnyServiceKey[];
  /** The services this component uses; their providers are initialised first. */
  readonly needs?: readonly AnyServiceKey[];
  /** Sets the component up: claims hardware, registers its services. */
  init(ctx: ComponentContext<M>): void;
  /** Releases what `init` claimed. */
  shutdown?(): void;
}
