/**
 * The typed service registry: a map from {@link ServiceKey} to the object a component
 * registered for it, remembering which component provides each service.
 */
import type { AnyServiceKey, ServiceKey } from "./service-key.js";

/** Thrown when a service is looked up that nobody registered, or registered twice. */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
}

interface Entry {
  readonly service: unknown;
  readonly provider: string;
}

/**
 * Services by key. Lookups are typed by the key: `registry.get(ClockService)` is a `Clock`.
 *
 * @example
 * ```ts
 * const registry = new ServiceRegistry();
 * registry.register(ClockService, { now: () => 0 }, "fake-clock");
 * registry.get(ClockService).now(); // 0
 * ```
 */
export class ServiceRegistry {
  private readonly entries = new Map<AnyServiceKey, Entry>();

  /**
   * Registers `service` under `key` on behalf of the component named `provider`.
   *
   * @throws {@link ServiceError} when the key already has a service; the message names both providers.
   */
  register<T>(key: ServiceKey<T>, service: T, provider: string): void {
    const existing = this.entries.get(key as AnyServiceKey);
    if (existing) {
      throw new ServiceError(
        `${key} is provided twice: by ${existing.provider} and by ${provider}`,
      );
    }
    this.entries.set(key as AnyServiceKey, { service, provider });
  }

  /**
   * The service registered under `key`.
   *
   * @throws {@link ServiceError} naming the key when nobody registered it.
   */
  get<T>(key: ServiceKey<T>): T {
    const entry = this.entries.get(key as AnyServiceKey);
    if (!entry) throw new ServiceError(`no component provides ${key}`);
    return entry.service as T;
  }

  /** The service registered under `key`, or `undefined`. */
  find<T>(key: ServiceKey<T>): T | undefined {
    return this.entries.get(key as AnyServiceKey)?.service as T | undefined;
  }

  /** True when `key` has a service. */
  has(key: AnyServiceKey): boolean {
    return this.entries.has(key);
  }

  /** The name of the component that provides `key`, or `undefined`. */
  providerOf(key: AnyServiceKey): string | undefined {
    return this.entries.get(key)?.provider;
  }

  /** Removes every service (used when the system shuts down). */
  clear(): void {
    this.entries.clear();
  }
}
