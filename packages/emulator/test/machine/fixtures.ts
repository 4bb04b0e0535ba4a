/**
 * Loads the committed fixture kernels (fixtures/kernels/bin, built by
 * fixtures/kernels/build.sh) and boots them on a fresh machine for the end-to-end tests.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  bootMultiboot,
  type MultibootLoad,
  type MultibootOptions,
} from "../../src/boot/multiboot.js";
import { createMachine, type Machine, type MachineOptions } from "../../src/machine/machine.js";

/** Directory of the built fixture kernels. */
export const KERNEL_BIN = fileURLToPath(new URL("../../fixtures/kernels/bin/", import.meta.url));

/** The bytes of fixture `name` (for example `"vga-hello.elf"`). */
export function fixture(name: string): Uint8Array {
  return readFileSync(KERNEL_BIN + name);
}

/** A machine with `name`.elf booted, and everything it sends on COM1 collected. */
export function bootKernel(
  name: string,
  boot: MultibootOptions = {},
  options: MachineOptions = {},
): { machine: Machine; serial: () => string; load: MultibootLoad } {
  const machine = createMachine(options);
  let out = "";
  machine.on("serial", (b, port) => {
    if (port === 1) out += String.fromCharCode(b);
  });
  const load = bootMultiboot(machine, fixture(`${name}.elf`), boot);
  return { machine, serial: () => out, load };
}
