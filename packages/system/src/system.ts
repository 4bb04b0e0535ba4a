/**
 * `System`: the kernel. A kernel is a subclass that installs components in its
 * constructor, picks a default output, and does its work in `start()`.
 */
import { addDefaultProviders, BootError, bootOrder } from "./boot-order.js";
import type { Component, ComponentContext } from "./component.js";
import { KernelLog, type KernelLogOptions } from "./kernel-log.js";
import type { OutputDevice } from "./output-device.js";
import type { ServiceKey } from "./service-key.js";
import { ServiceError, ServiceRegistry } from "./service-registry.js";

/** Where a system is in its life: installing → booting → running → stopped (or failed). */
export type SystemState = "installing" | "booting" | "running" | "stopped" | "failed";

/** Options of a {@link System}. */
export interface SystemOptions {
  /** Options of the kernel log. */
  log?: KernelLogOptions;
}

/**
 * The core of a kernel: holds the machine, the installed components, the service registry,
 * the default output and the kernel log, and runs the boot lifecycle.
 *
 * `system` imports nothing of the kit, so the machine is a type parameter: a kernel on the
 * emulated PC is a `System<Machine>`, a hardware-free one (tests, tools) may use any object.
 *
 * @typeParam M - the machine type; components installed must accept it.
 * @example
 * ```ts
 * class HelloKernel extends System<Machine> {
 *   constructor(machine: Machine) {
 *     super(machine);
 *     const video = new Video();
 *     this.install(video); // the VGA text console
 *     this.setDefaultOutput(video); // kernel text goes to the screen
 *   }
 *   override start(): void {
 *     this.defaultOutput?.write("hello\n");
 *   }
 * }
 * new HelloKernel(createMachine()).boot();
 * ```
 */
export class System<M = unknown> {
  /** The machine the kernel drives. */
  readonly machine: M;
  /** Services registered by the components, by key. */
  readonly services = new ServiceRegistry();
  /** The kernel log. */
  readonly log: KernelLog;
  private readonly installed: Component<M>[] = [];
  private initialised: Component<M>[] = [];
  private output: OutputDevice | null = null;
  private currentState: SystemState = "installing";

  /** Creates a system on `machine`; nothing runs until {@link System.boot}. */
  constructor(machine: M, options: SystemOptions = {}) {
    this.machine = machine;
    this.log = new KernelLog(options.log);
  }

  /** The current lifecycle state. */
  get state(): SystemState {
    return this.currentState;
  }

  /** The components installed so far, in install order (defaults added at boot included). */
  get components(): readonly Component<M>[] {
    return [...this.installed];
  }

  /**
   * Adds a component. Checking for conflicts waits until {@link System.boot}, so that a
   * kernel can install in any order.
   *
   * @returns the component, so that a kernel can keep a typed reference.
   * @throws when the system has already booted.
   */
  install<C extends Component<M>>(component: C): C {
    if (this.currentState !== "installing") {
      throw new Error(`cannot install ${component.name}: the system is ${this.currentState}`);
    }
    this.installed.push(component);
    return component;
  }

  /** Sends kernel output (the log's warnings, `printf`, `write(1, …)`) to `device`. */
  setDefaultOutput(device: OutputDevice | null): void {
    this.output = device;
    this.log.output = device;
  }

  /** The default output device, or `null` when none is set. */
  get defaultOutput(): OutputDevice | null {
    return this.output;
  }

  /** The service under `key` (after boot). @throws when nobody provides it. */
  get<T>(key: ServiceKey<T>): T {
    return this.services.get(key);
  }

  /**
   * Boots: adds default providers for unmet needs, orders components so that providers
   * come first, runs each `init`, then calls {@link System.start}.
   *
   * @throws {@link BootError} naming the components concerned when two provide one
   * service, a need has no provider, components form a cycle, or an `init` throws; the
   * components already initialised are shut down again and the state becomes `"failed"`.
   */
  boot(): void {
    if (this.currentState !== "installing") {
      throw new Error(`cannot boot: the system is ${this.currentState}`);
    }
    this.currentState = "booting";
    const kernelLog = this.log.forSource("kernel");
    try {
      addDefaultProviders(this.installed as Component<never>[]);
      const order = bootOrder(this.installed);
      for (const component of order) {
        try {
          component.init(this.contextFor(component));
        } catch (error) {
          if (error instanceof BootError) throw error;
          const why = error instanceof Error ? error.message : String(error);
          throw new BootError("init-failed", `${component.name} failed to initialise: ${why}`, {
            cause: error,
          });
        }
        this.initialised.push(component);
        const missing = (component.provides ?? []).filter(
          (key) => this.services.providerOf(key) !== component.name,
        );
        if (missing.length > 0) {
          throw new BootError(
            "init-failed",
            `${component.name} declares ${missing.join(", ")} but did not provide it in init`,
          );
        }
      }
      kernelLog.info(`booted ${order.length} components: ${order.map((c) => c.name).join(", ")}`);
    } catch (error) {
      kernelLog.error(error instanceof Error ? error.message : String(error));
      this.shutdownComponents();
      this.currentState = "failed";
      throw error;
    }
    this.currentState = "running";
    this.start();
  }

  /**
   * The kernel's own work, run once all components are up. Subclasses override it; the
   * base does nothing.
   */
  start(): void {}

  /** Shuts components down in reverse initialisation order; the system cannot boot again. */
  shutdown(): void {
    if (this.currentState === "stopped") return;
    this.shutdownComponents();
    this.currentState = "stopped";
  }

  private shutdownComponents(): void {
    const log = this.log.forSource("kernel");
    for (const component of [...this.initialised].reverse()) {
      try {
        component.shutdown?.();
      } catch (error) {
        log.error(`${component.name} failed to shut down: ${String(error)}`);
      }
    }
    this.initialised = [];
    this.services.clear();
  }

  private contextFor(component: Component<M>): ComponentContext<M> {
    const services = this.services;
    const provides = component.provides ?? [];
    return {
      machine: this.machine,
      log: this.log.forSource(component.name),
      kernelLog: this.log,
      provide: <T>(key: ServiceKey<T>, service: T): void => {
        if (!provides.includes(key)) {
          throw new ServiceError(
            `${component.name} provides ${key} but does not list it in its provides`,
          );
        }
        services.register(key, service, component.name);
      },
      get: <T>(key: ServiceKey<T>): T => services.get(key),
      find: <T>(key: ServiceKey<T>): T | undefined => services.find(key),
      defaultOutput: () => this.output,
    };
  }
}
