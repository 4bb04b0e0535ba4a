/**
 * `@native-kit/system`: the core of a Native Kit kernel: `System`, the `Component`
 * contract, a typed service registry, the boot lifecycle, the default output and the
 * kernel log. It imports nothing of the kit.
 *
 * @packageDocumentation
 */

// system.ts
export { System } from "./system.js";
export type { SystemOptions, SystemState } from "./system.js";

// component.ts
export type { Component, ComponentContext } from "./component.js";

// service-key.ts
export { ServiceKey } from "./service-key.js";
export type { AnyServiceKey } from "./service-key.js";

// service-registry.ts
export { ServiceRegistry, ServiceError } from "./service-registry.js";

// boot-order.ts
export { BootError, bootOrder, addDefaultProviders } from "./boot-order.js";
export type { BootErrorKind } from "./boot-order.js";

// output-device.ts
export type { OutputDevice } from "./output-device.js";

// kernel-log.ts
export { KernelLog, ComponentLog, LogLevel, logLevelName, formatLogEntry } from "./kernel-log.js";
export type { LogEntry, LogSink, KernelLogOptions } from "./kernel-log.js";
