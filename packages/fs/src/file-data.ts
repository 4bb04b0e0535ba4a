/**
 * The contents of a ramfs regular file: 64 KiB chunks allocated on first write, so a file
 * with holes costs only the chunks written and holes read as zeros; the first chunk starts
 * small and doubles, so tiny files stay tiny.
 */

/** Page size reported as `st_blksize` (the Linux page size). */
export const PAGE_SIZE = 4096;

/** Storage chunk size: large enough that big sequential writes allocate rarely. */
export const CHUNK_SIZE = 65536;

/** The smallest allocation for a file's first page; it grows by doubling up to a page. */
const MIN_FIRST_PAGE = 64;

/**
 * Growable, sparse byte storage for one file.
 *
 * @example
 * ```ts
 * const d = new FileData();
 * d.write(new TextEncoder().encode("hi"), 10_000); // bytes 0..9999 are a hole
 * d.size; // 10002
 * ```
 */
export class FileData {
  /** Chunks by index; `undefined` is a hole. Chunk 0 may be shorter than a chunk. */
  private pages: (Uint8Array | undefined)[] = [];
  /** Logical size in bytes. */
  size = 0;

  /** Copies bytes at `position` into `buffer`; returns how many (0 at or past the end). */
  read(buffer: Uint8Array, position: number): number {
    const count = Math.max(0, Math.min(buffer.length, this.size - position));
    let done = 0;
    while (done < count) {
      const at = position + done;
      const index = Math.floor(at / CHUNK_SIZE);
      const offset = at - index * CHUNK_SIZE;
      const n = Math.min(CHUNK_SIZE - offset, count - done);
      const page = this.pages[index];
      if (page === undefined || offset >= page.length) {
        buffer.fill(0, done, done + n);
      } else {
        const avail = Math.min(n, page.length - offset);
        buffer.set(page.subarray(offset, offset + avail), done);
        if (avail < n) buffer.fill(0, done + avail, done + n);
      }
      done += n;
    }
    return count;
  }

  /** Writes `data` at `position`, growing the file; returns `data.length`. */
  write(data: Uint8Array, position: number): number {
    if (data.length === 0) return 0;
    let done = 0;
    while (done < data.length) {
      const at = position + done;
      const index = Math.floor(at / CHUNK_SIZE);
      const offset = at - index * CHUNK_SIZE;
      const n = Math.min(CHUNK_SIZE - offset, data.length - done);
      const page = this.pageFor(index, offset + n);
      page.set(data.subarray(done, done + n), offset);
      done += n;
    }
    this.size = Math.max(this.size, position + data.length);
    return data.length;
  }

  /** Sets the size: shrinking drops (and zeroes) the tail, growing adds a hole. */
  truncate(size: number): void {
    if (size < this.size) {
      const keep = Math.ceil(size / CHUNK_SIZE);
      this.pages.length = Math.min(this.pages.length, keep);
      const last = this.pages[keep - 1];
      const offset = size - (keep - 1) * CHUNK_SIZE;
      // Zero the cut-off tail of the last page so a later extension reads zeros there.
      if (last !== undefined && offset < last.length) last.fill(0, offset);
    }
    this.size = size;
  }

  /** Bytes of memory held by pages (for statistics, `st_blocks`). */
  get allocated(): number {
    let total = 0;
    for (const page of this.pages) total += page?.length ?? 0;
    return total;
  }

  /** The page `index`, allocated or grown so that it holds at least `needed` bytes. */
  private pageFor(index: number, needed: number): Uint8Array {
    const page = this.pages[index];
    if (page !== undefined && page.length >= needed) return page;
    let length = CHUNK_SIZE;
    // Only the first chunk starts small: most files in a kernel's ramfs are tiny.
    if (index === 0) {
      length = Math.max(MIN_FIRST_PAGE, page?.length ?? 0);
      while (length < needed) length *= 2;
      length = Math.min(length, CHUNK_SIZE);
    }
    const grown = new Uint8Array(length);
    if (page !== undefined) grown.set(page);
    this.pages[index] = grown;
    return grown;
  }
}
