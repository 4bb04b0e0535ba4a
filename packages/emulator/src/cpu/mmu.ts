/**
 * The page walker behind the software TLB: two-level 4 KiB paging and 4 MiB pages with
 * CR4.PSE, U/S and R/W checks (CR0.WP), accessed and dirty bits written back, CR2 and the
 * `#PF` error code. A successful walk caches the translation in {@link Cpu.tlb}.
 */
import { PageKind } from "../memory/physical-memory.js";
import { Cr0, Cr4, PageFaultError, Vector } from "./constants.js";
import type { CpuState } from "./cpu-state.js";

/**
 * Bits of a TLB entry (the low 12 bits; the high 20 hold the physical page). An entry of 0
 * is empty. Write permissions are granted only once the dirty bit is set, so the first
 * write to a clean page takes the walk and sets it.
 */
export const TlbBit = {
  /** Present: supervisor reads allowed. */
  Valid: 1,
  /** CPL 3 may read. */
  UserRead: 2,
  /** CPL 0–2 may write. */
  SupWrite: 4,
  /** CPL 3 may write. */
  UserWrite: 8,
  /** The physical page is RAM or ROM inside {@link PhysicalMemory.u8}: read it directly. */
  FastRead: 16,
  /** The physical page is RAM: write it directly. */
  FastWrite: 32,
  /** Never set in an entry: added to the fast-path masks to force the slow path. */
  Never: 64,
} as const;

const PDE_PS = 0x80;

function pageFault(
  cpu: CpuState,
  lin: number,
  present: boolean,
  write: boolean,
  user: boolean,
): never {
  cpu.cr2 = lin | 0;
  const code =
    (present ? PageFaultError.P : 0) |
    (write ? PageFaultError.W : 0) |
    (user ? PageFaultError.U : 0);
  return cpu.raise(Vector.PF, code);
}

function fastBits(cpu: CpuState, phys: number): number {
  const page = phys >>> 12;
  if (phys >>> 0 >= cpu.memory.size) return 0;
  const kind = cpu.memory.pageKind[page];
  if (kind === PageKind.Ram) return TlbBit.FastRead | TlbBit.FastWrite;
  if (kind === PageKind.Rom) return TlbBit.FastRead;
  return 0;
}

/**
 * Translates `lin` for an access (`write`, at CPL 3 when `user`), raising `#PF` when the
 * paging structures forbid it; returns the physical address and fills the TLB.
 */
export function walkPage(cpu: CpuState, lin: number, write: boolean, user: boolean): number {
  const page = lin >>> 12;
  if ((cpu.cr0 & Cr0.PG) === 0) {
    const phys = lin & ~0xfff;
    cpu.fillTlb(
      page,
      phys |
        TlbBit.Valid |
        TlbBit.UserRead |
        TlbBit.SupWrite |
        TlbBit.UserWrite |
        fastBits(cpu, phys),
    );
    return lin >>> 0;
  }
  const mem = cpu.memory;
  const wp = (cpu.cr0 & Cr0.WP) !== 0;
  const pdeAddr = ((cpu.cr3 & ~0xfff) + ((lin >>> 22) << 2)) >>> 0;
  let pde = mem.read32(pdeAddr);
  if ((pde & 1) === 0) pageFault(cpu, lin, false, write, user);
  let physPage: number;
  let userOk: boolean;
  let writable: boolean;
  let dirty: boolean;
  if (pde & PDE_PS && cpu.cr4 & Cr4.PSE) {
    userOk = (pde & 4) !== 0;
    writable = (pde & 2) !== 0;
    if (user && !userOk) pageFault(cpu, lin, true, write, user);
    if (write && !writable && (user || wp)) pageFault(cpu, lin, true, write, user);
    const upd = pde | 0x20 | (write ? 0x40 : 0);
    if (upd !== pde) {
      mem.write32(pdeAddr, upd);
      pde = upd;
    }
    dirty = (pde & 0x40) !== 0;
    physPage = ((pde & 0xffc00000) | (lin & 0x3ff000)) >>> 0;
  } else {
    const pteAddr = ((pde & ~0xfff) + (((lin >>> 12) & 0x3ff) << 2)) >>> 0;
    let pte = mem.read32(pteAddr);
    if ((pte & 1) === 0) pageFault(cpu, lin, false, write, user);
    userOk = (pde & pte & 4) !== 0;
    writable = (pde & pte & 2) !== 0;
    if (user && !userOk) pageFault(cpu, lin, true, write, user);
    if (write && !writable && (user || wp)) pageFault(cpu, lin, true, write, user);
    if ((pde & 0x20) === 0) mem.write32(pdeAddr, pde | 0x20);
    const upd = pte | 0x20 | (write ? 0x40 : 0);
    if (upd !== pte) {
      mem.write32(pteAddr, upd);
      pte = upd;
    }
    dirty = (pte & 0x40) !== 0;
    physPage = (pte & ~0xfff) >>> 0;
  }
  let entry = physPage | TlbBit.Valid | fastBits(cpu, physPage);
  if (userOk) entry |= TlbBit.UserRead;
  if (dirty) {
    if (writable || !wp) entry |= TlbBit.SupWrite;
    if (userOk && writable) entry |= TlbBit.UserWrite;
  }
  cpu.fillTlb(page, entry);
  return (physPage | (lin & 0xfff)) >>> 0;
}
