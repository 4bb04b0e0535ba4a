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

// cpu/cpu.ts
export { Cpu, reg8Index } from "./cpu/cpu.js";

// cpu/cpu-state.ts
export type { CpuState } from "./cpu/cpu-state.js";

// cpu/constants.ts
export {
  Reg,
  SegReg,
  Eflags,
  ARITH_FLAGS,
  Cr0,
  Cr4,
  Vector,
  PageFaultError,
  CpuidInfo,
} from "./cpu/constants.js";

// cpu/mmu.ts
export { TlbBit } from "./cpu/mmu.js";

// ---- machine, devices, boot paths, renderers (the PC around the CPU) ----

// clock/clock.ts
export { VirtualClock, RealClock } from "./clock/clock.js";
export type { Clock } from "./clock/clock.js";

// machine/machine.ts
export { Machine, createMachine } from "./machine/machine.js";
export type { MachineOptions, MachineEvents, RunResult, StopReason } from "./machine/machine.js";

// machine/memory-map.ts
export {
  MemoryType,
  pcMemoryMap,
  formatMemoryMap,
  EBDA_BASE,
  BIOS_AREA_BASE,
  EXTENDED_MEMORY_BASE,
  HIGH_BIOS_BASE,
} from "./machine/memory-map.js";
export type { MemoryRegion } from "./machine/memory-map.js";

// machine/events.ts
export { Emitter } from "./machine/events.js";
export type { EventMap } from "./machine/events.js";

// devices/pic.ts
export { PicPair } from "./devices/pic.js";
export type { IrqSink } from "./devices/pic.js";

// devices/pit.ts
export { Pit, PIT_FREQUENCY_HZ } from "./devices/pit.js";

// devices/uart.ts
export { Uart, COM1, COM2 } from "./devices/uart.js";

// devices/vga.ts
export { Vga, VGA_TEXT_BASE, VGA_COLUMNS, VGA_ROWS } from "./devices/vga.js";
export type { VgaCell, VgaCursor } from "./devices/vga.js";

// devices/cp437.ts
export { cp437ToUnicode } from "./devices/cp437.js";

// devices/i8042.ts
export { I8042 } from "./devices/i8042.js";

// devices/scancodes.ts
export {
  SET1_MAKE_CODES,
  SHIFTED_CHARACTERS,
  makeCode,
  breakCode,
  keyStroke,
  textToScancodes,
} from "./devices/scancodes.js";

// devices/cmos.ts
export { Cmos } from "./devices/cmos.js";
export type { CmosOptions } from "./devices/cmos.js";

// devices/post.ts
export { PostPort } from "./devices/post.js";

// devices/fpu-error.ts
export { FpuErrorLatch, FPU_ERROR_IRQ } from "./devices/fpu-error.js";

// devices/debug-exit.ts
export { DebugExit, DEBUG_EXIT_PORT, debugExitStatus } from "./devices/debug-exit.js";

// boot/boot-error.ts
export { BootError } from "./boot/boot-error.js";
export type { BootErrorCode } from "./boot/boot-error.js";

// boot/elf.ts
export { parseElf32, PT_LOAD } from "./boot/elf.js";
export type { Elf32, ElfSegment } from "./boot/elf.js";

// boot/multiboot-header.ts
export {
  findMultibootHeader,
  MULTIBOOT_HEADER_MAGIC,
  MULTIBOOT_BOOTLOADER_MAGIC,
  MULTIBOOT_SEARCH_LIMIT,
} from "./boot/multiboot-header.js";
export type { MultibootHeader } from "./boot/multiboot-header.js";

// boot/multiboot.ts
export { bootMultiboot, MULTIBOOT_INFO_BASE } from "./boot/multiboot.js";
export type {
  MultibootModule,
  MultibootOptions,
  MultibootTarget,
  MultibootLoad,
} from "./boot/multiboot.js";

// boot/rom.ts
export { bootRom, ROM_SIZES } from "./boot/rom.js";
export type { RomTarget } from "./boot/rom.js";

// render/ansi-text.ts
export { AnsiTextRenderer, sgrForAttribute } from "./render/ansi-text.js";

// render/stdin-keys.ts
export { stdinToScancodes } from "./render/stdin-keys.js";

// render/terminal-display.ts
export { attachTerminalDisplay } from "./render/terminal-display.js";
export type {
  TerminalDisplayOptions,
  TerminalInput,
  TerminalOutput,
} from "./render/terminal-display.js";

// cpu/x87/memory-operands.ts
export { MemFormat } from "./cpu/x87/memory-operands.js";

// cpu/x87/x87.ts — the x87 FPU (plug into `Cpu.fpu`)
export { X87, controlWord } from "./cpu/x87/x87.js";

// cpu/x87/x87-state.ts
export { X87State, SW, CW_INIT } from "./cpu/x87/x87-state.js";

// cpu/x87/float80.ts
export { F80, Kind as F80Kind, classify as classifyF80 } from "./cpu/x87/float80.js";

// cpu/x87/round80.ts
export { Exc as FpuException, RoundingMode } from "./cpu/x87/round80.js";
