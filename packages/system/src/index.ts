/**
 * `@native-kit/system`: The core of a Native Kit kernel: System, the Component contract, a typed service registry and the boot lifecycle.
 *
 * @packageDocumentation
 */

export {};
