/**
 * `@native-kit/arch-x86`: the x86 hardware layer for TypeScript kernels: GDT, TSS and IDT
 * built in guest memory, trap stubs that enter host handlers, `TrapFrame`, IRQ routing
 * through the PIC, ring-3 entry, page-table entry formats, port I/O, and drivers as
 * components (`Video`, `Keyboard`, `Timer`, `Serial`, `Rtc`).
 *
 * @packageDocumentation
 */

// x86-machine.ts
export type { X86Machine, X86Cpu, RunnableMachine } from "./x86-machine.js";

// platform.ts
export { X86Platform, PlatformKey, InterruptsKey, IrqsKey, bringUpPlatform } from "./platform.js";
export type { Platform } from "./platform.js";

// interrupts.ts
export { Interrupts, EXCEPTION_NAMES, describeTrap, physicalAddress } from "./interrupts.js";
export type { TrapHandler, FatalTrap } from "./interrupts.js";

// trap-frame.ts
export { TrapFrame, FrameOffset, USER_FRAME_SIZE, KERNEL_FRAME_SIZE } from "./trap-frame.js";
export type { GeneralRegisters, SavedFrame } from "./trap-frame.js";

// irq-router.ts
export { IrqRouter, IRQ_BASE } from "./irq-router.js";

// guest-routine.ts
export {
  runGuestRoutine,
  enablePagingRoutine,
  ROUTINE_ADDRESS,
  ROUTINE_MAX_BYTES,
} from "./guest-routine.js";

// user-mode.ts
export { enterUserMode, userFrame, USER_EFLAGS } from "./user-mode.js";
export type { UserEntry } from "./user-mode.js";

// descriptors.ts
export {
  Selector,
  SegmentAccess,
  TLS_FIRST_ENTRY,
  TLS_ENTRY_COUNT,
  GDT_ENTRIES,
  encodeSegment,
  decodeSegment,
  encodeGate,
} from "./descriptors.js";
export type { SegmentDescriptor, SegmentKind, GateKind } from "./descriptors.js";

// descriptor-tables.ts
export {
  writeGdt,
  writeTss,
  writeIdt,
  writeTableRegisters,
  writeTlsSlot,
  setKernelStack,
  kernelStack,
  TSS_SIZE,
  USER_VECTORS,
} from "./descriptor-tables.js";
export type { TlsSegment } from "./descriptor-tables.js";

// trap-code.ts
export {
  TrapCode,
  STUB_STRIDE,
  VECTORS_WITH_ERROR_CODE,
  assembleStub,
  assembleCommon,
  assembleSetup,
  IDLE_LOOP,
  HALT_LOOP,
} from "./trap-code.js";

// layout.ts
export { ArchLayout, HYPERCALL_PORT } from "./layout.js";

// paging.ts
export {
  PageFlag,
  PageFaultError,
  FRAME_MASK,
  PAGE_SIZE,
  CR0_PG,
  CR0_WP,
  encodePageEntry,
  decodePageEntry,
  directoryIndex,
  tableIndex,
  translate,
} from "./paging.js";
export type { PageEntry, Translation } from "./paging.js";

// port-io.ts
export { PortIo } from "./port-io.js";

// drivers/video.ts
export {
  Video,
  VideoKey,
  VgaColor,
  vgaAttribute,
  glyphOf,
  TEXT_BUFFER,
  COLUMNS,
  ROWS,
} from "./drivers/video.js";

// drivers/keyboard.ts
export { Keyboard, KeyboardKey } from "./drivers/keyboard.js";
export type { KeyEvent, KeyListener } from "./drivers/keyboard.js";

// drivers/scancodes.ts
export { SET1, SET1_EXTENDED } from "./drivers/scancodes.js";
export type { KeyInfo } from "./drivers/scancodes.js";

// drivers/timer.ts
export { Timer, TimerKey, PIT_HZ, pitDivisor } from "./drivers/timer.js";
export type { TickListener } from "./drivers/timer.js";

// drivers/serial.ts
export { Serial, SerialKey, COM1_PORT } from "./drivers/serial.js";
export type { SerialOptions } from "./drivers/serial.js";

// drivers/rtc.ts
export { Rtc, RtcKey, fromBcd } from "./drivers/rtc.js";
