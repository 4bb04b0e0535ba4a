/**
 * The few hundred bytes of real x86 code the hardware layer puts in guest memory: one
 * entry stub per IDT vector, the common trap path that hands control to the host through
 * the hypercall port, the routine that loads GDT/IDT/TSS, and the idle and halt loops.
 *
 * Trap path, from the vector stub to `iret`:
 *
 * ```
 * stub N:  [push 0]            ; only when the CPU pushes no error code for N
 *          push N
 *          jmp common
 * common:  push ds / es / fs / gs
 *          pusha
 *          mov ax, KERNEL_DS ; mov ds, ax ; mov es, ax
 *          mov dx, HYPERCALL_PORT ; out dx, al   ; the host handler runs here
 * exit:    popa
 *          pop gs / fs / es / ds
 *          add esp, 8                            ; vector and error code
 *          iret
 * ```
 */
import { Selector } from "./descriptors.js";
import { ArchLayout, HYPERCALL_PORT } from "./layout.js";

/** Vectors for which the CPU pushes an error code (#DF #TS #NP #SS #GP #PF #AC). */
export const VECTORS_WITH_ERROR_CODE: ReadonlySet<number> = new Set([8, 10, 11, 12, 13, 14, 17]);

/** Bytes between consecutive vector stubs. */
export const STUB_STRIDE = 16;

/** Addresses of the routines in the trap code region. */
export const TrapCode = {
  /** Stub of vector 0; vector N's stub is at `stubs + N * STUB_STRIDE`. */
  stubs: ArchLayout.code,
  /** The common trap path. */
  common: ArchLayout.code + 0x1000,
  /** Where a trap returns: `popa … iret`. Ring-3 entry jumps here with a prepared frame. */
  exit: ArchLayout.code + 0x1000 + 20,
  /** Loads GDTR, IDTR, the segment registers, ESP and TR, then halts. */
  setup: ArchLayout.code + 0x1100,
  /** `sti; hlt; jmp` — where the CPU waits for interrupts when nothing else runs. */
  idle: ArchLayout.code + 0x1200,
  /** `cli; hlt; jmp` — where the CPU stops for good after a fatal kernel error. */
  halt: ArchLayout.code + 0x1210,
  /** The 6-byte GDTR image read by `lgdt`. */
  gdtr: ArchLayout.code + 0x1f00,
  /** The 6-byte IDTR image read by `lidt`. */
  idtr: ArchLayout.code + 0x1f08,
} as const;

const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const u16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];

/** The entry stub of `vector`. */
export function assembleStub(vector: number): Uint8Array {
  const bytes: number[] = [];
  if (!VECTORS_WITH_ERROR_CODE.has(vector)) bytes.push(0x6a, 0x00); // push 0
  bytes.push(0x68, ...u32(vector)); // push imm32 (imm8 would sign-extend vectors ≥ 0x80)
  const here = TrapCode.stubs + vector * STUB_STRIDE + bytes.length + 5;
  bytes.push(0xe9, ...u32((TrapCode.common - here) >>> 0)); // jmp common
  return Uint8Array.from(bytes);
}

/** The common trap path (entry at {@link TrapCode.common}, exit at {@link TrapCode.exit}). */
export function assembleCommon(): Uint8Array {
  const entry = [
    0x1e, // push ds
    0x06, // push es
    0x0f,
    0xa0, // push fs
    0x0f,
    0xa8, // push gs
    0x60, // pusha
    0x66,
    0xb8,
    ...u16(Selector.KernelData), // mov ax, KERNEL_DS
    0x8e,
    0xd8, // mov ds, ax
    0x8e,
    0xc0, // mov es, ax
    0x66,
    0xba,
    ...u16(HYPERCALL_PORT), // mov dx, HYPERCALL_PORT
    0xee, // out dx, al
  ];
  if (TrapCode.common + entry.length !== TrapCode.exit) {
    throw new Error("trap path layout drifted: exit label does not follow the hypercall");
  }
  const exit = [
    0x61, // popa
    0x0f,
    0xa9, // pop gs
    0x0f,
    0xa1, // pop fs
    0x07, // pop es
    0x1f, // pop ds
    0x83,
    0xc4,
    0x08, // add esp, 8
    0xcf, // iret
  ];
  return Uint8Array.from([...entry, ...exit]);
}

/** The routine that loads the descriptor tables and segment registers, then halts. */
export function assembleSetup(): Uint8Array {
  const bytes = [
    0xfa, // cli
    0x0f,
    0x01,
    0x15,
    ...u32(TrapCode.gdtr), // lgdt [gdtr]
    0x0f,
    0x01,
    0x1d,
    ...u32(TrapCode.idtr), // lidt [idtr]
  ];
  const afterJump = TrapCode.setup + bytes.length + 7;
  bytes.push(0xea, ...u32(afterJump), ...u16(Selector.KernelCode)); // jmp far KERNEL_CS:next
  bytes.push(
    0x66,
    0xb8,
    ...u16(Selector.KernelData), // mov ax, KERNEL_DS
    0x8e,
    0xd8, // mov ds, ax
    0x8e,
    0xc0, // mov es, ax
    0x8e,
    0xe0, // mov fs, ax
    0x8e,
    0xe8, // mov gs, ax
    0x8e,
    0xd0, // mov ss, ax
    0xbc,
    ...u32(ArchLayout.stackTop), // mov esp, stackTop
    0x66,
    0xb8,
    ...u16(Selector.Tss), // mov ax, TSS
    0x0f,
    0x00,
    0xd8, // ltr ax
    0xf4, // hlt
  );
  return Uint8Array.from(bytes);
}

/** `sti; hlt; jmp idle` — the interrupt shadow of `sti` keeps an IRQ from slipping in before `hlt`. */
export const IDLE_LOOP = Uint8Array.of(0xfb, 0xf4, 0xeb, 0xfc);
/** `cli; hlt; jmp halt` — stops the CPU until reset (NMIs aside). */
export const HALT_LOOP = Uint8Array.of(0xfa, 0xf4, 0xeb, 0xfc);
