/**
 * Where the hardware layer keeps what the CPU must see in guest physical memory: GDT, IDT,
 * TSS, trap stubs and the kernel trap stack. All of it sits in one region below 1 MiB
 * (conventional memory, which the frame allocator leaves alone), in whole 4 KiB pages so
 * that paging can map them kernel-only.
 */

/** Physical addresses of the hardware layer's structures. */
export const ArchLayout = {
  /** First byte of the region the hardware layer owns. */
  base: 0x10000,
  /** The GDT (16 descriptors). */
  gdt: 0x10000,
  /** The IDT (256 gates, 2 KiB). */
  idt: 0x10800,
  /** The 32-bit TSS. */
  tss: 0x11000,
  /** Trap stubs, the common trap path, the setup routine and the idle loop (two pages). */
  code: 0x12000,
  /** Lowest address of the kernel trap stack (ring-0 stack after a privilege change). */
  stackBottom: 0x14000,
  /** Top of the kernel trap stack: TSS.ESP0, and where ring-3 entry builds its frame. */
  stackTop: 0x20000,
  /**
   * The idle loop's stack pointer: 8 bytes below the top, so that a trap taken while idle
   * puts its (ring-0) frame exactly where a trap from ring 3 puts its (larger) one, and a
   * handler can turn either into the other: that is how the idle kernel switches to a
   * process and back.
   */
  idleStack: 0x20000 - 8,
  /** One past the last byte of the region. */
  end: 0x20000,
} as const;

/** The reserved I/O port the trap stubs write to so that the host takes over. */
export const HYPERCALL_PORT = 0x0fee;
