/**
 * Builders of small ELF and Multiboot images for the boot-path tests, so each test can
 * break exactly one field. Not exported from the package.
 */

/** One loadable segment of a synthetic ELF. */
export interface TestSegment {
  paddr: number;
  vaddr?: number;
  data: Uint8Array;
  memSize?: number;
}

/**
 * An i386 ELF32 executable with the given segments (file data placed from offset 0x1000)
 * and, unless `header` is false, a Multiboot header at the start of the first segment.
 */
export function buildElf(
  segments: TestSegment[],
  options: { entry?: number; header?: boolean; flags?: number } = {},
): Uint8Array {
  const withHeader = options.header ?? true;
  const segs = segments.map((s, i) => {
    if (i !== 0 || !withHeader) return s;
    const flags = options.flags ?? 0x3;
    const h = new DataView(new ArrayBuffer(12));
    h.setUint32(0, 0x1badb002, true);
    h.setUint32(4, flags, true);
    h.setUint32(8, -(0x1badb002 + flags) >>> 0, true);
    const data = new Uint8Array(12 + s.data.length);
    data.set(new Uint8Array(h.buffer));
    data.set(s.data, 12);
    return { ...s, data };
  });
  let offset = 0x1000;
  const placed = segs.map((s) => {
    const at = offset;
    offset += Math.ceil(Math.max(s.data.length, 1) / 16) * 16;
    return { ...s, offset: at };
  });
  const bytes = new Uint8Array(offset);
  const dv = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 3, true); // EM_386
  dv.setUint32(20, 1, true);
  dv.setUint32(24, options.entry ?? (segs[0]?.paddr ?? 0) + (withHeader ? 12 : 0), true);
  dv.setUint32(28, 52, true); // phoff
  dv.setUint16(40, 52, true);
  dv.setUint16(42, 32, true);
  dv.setUint16(44, placed.length, true);
  placed.forEach((s, i) => {
    const o = 52 + i * 32;
    dv.setUint32(o, 1, true);
    dv.setUint32(o + 4, s.offset, true);
    dv.setUint32(o + 8, s.vaddr ?? s.paddr, true);
    dv.setUint32(o + 12, s.paddr, true);
    dv.setUint32(o + 16, s.data.length, true);
    dv.setUint32(o + 20, s.memSize ?? s.data.length, true);
    dv.setUint32(o + 24, 5, true);
    bytes.set(s.data, s.offset);
  });
  return bytes;
}
