/**
 * `@native-kit/emulator`: an emulated i386 PC for Native Kit kernels.
 *
 * @packageDocumentation
 */

// memory/physical-memory.ts
export { PhysicalMemory, PageKind } from "./memory/physical-memory.js";
export type { MmioHandler } from "./memory/physical-memory.js";

// io/io-bus.ts
export { IoBus } from "./io/io-bus.js";
export type { PortHandler } from "./io/io-bus.js";

// cpu/interrupt-line.ts
export type { InterruptLine } from "./cpu/interrupt-line.js";

// cpu/fpu-interface.ts
export type { Fpu, FpuHost, FpuInstructionContext } from "./cpu/fpu-interface.js";
