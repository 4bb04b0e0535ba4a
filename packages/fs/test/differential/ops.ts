/**
 * The operations of the differential test, their fast-check generators, and the runner that
 * applies a sequence to any `FsDriver` (the VFS or the host's `node:fs`) and records the
 * outcome of each step as a comparable value.
 */

import fc from "fast-check";

/** One step of a generated sequence. Paths are relative to the test's working directory. */
export type Op =
  | { op: "mkdir"; path: string; mode: number }
  | { op: "rmdir"; path: string }
  | { op: "unlink"; path: string }
  | { op: "open"; path: string; flags: number; data: string }
  | { op: "pwrite"; path: string; offset: number; data: string }
  | { op: "readFile"; path: string }
  | { op: "rename"; from: string; to: string }
  | { op: "symlink"; target: string; path: string }
  | { op: "readlink"; path: string }
  | { op: "link"; from: string; to: string }
  | { op: "stat"; path: string }
  | { op: "lstat"; path: string }
  | { op: "truncate"; path: string; length: number }
  | { op: "readdir"; path: string }
  | { op: "chmod"; path: string; mode: number }
  | { op: "access"; path: string; mode: number }
  | { op: "chown"; path: string; uid: number; gid: number }
  | { op: "utimes"; path: string; seconds: number }
  | { op: "fdOpen"; path: string; flags: number }
  | { op: "fdWrite"; slot: number; data: string }
  | { op: "fdRead"; slot: number; length: number }
  | { op: "fdTruncate"; slot: number; length: number }
  | { op: "fdStat"; slot: number }
  | { op: "fdClose"; slot: number };

/** The file attributes both sides can agree on. */
export interface StatSummary {
  type: number;
  perm: number;
  size: number | null;
  nlink: number;
  uid: number;
  gid: number;
}

/** What one side must implement; every method throws an error whose `code` is the errno name. */
export interface FsDriver {
  mkdir(path: string, mode: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  /** open(path, flags, 0o644), write `data` when writable, close; returns bytes written. */
  openWrite(path: string, flags: number, data: Uint8Array): number;
  /** open O_RDWR, pwrite at offset, close. */
  pwrite(path: string, offset: number, data: Uint8Array): number;
  readFile(path: string): Uint8Array;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  readlink(path: string): string;
  link(from: string, to: string): void;
  stat(path: string): StatSummary;
  lstat(path: string): StatSummary;
  truncate(path: string, length: number): void;
  readdir(path: string): string[];
  chmod(path: string, mode: number): void;
  access(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number): void;
  /** utimes (following symlinks) to `seconds`, then the resulting mtime in whole seconds. */
  utimes(path: string, seconds: number): number;
  /** Opens a file kept open across steps (mode 0o644); returns the side's handle. */
  fdOpen(path: string, flags: number): unknown;
  /** Writes at the handle's offset (the end with O_APPEND). */
  fdWrite(handle: unknown, data: Uint8Array): number;
  /** Reads up to `length` bytes at the handle's offset. */
  fdRead(handle: unknown, length: number): Uint8Array;
  fdTruncate(handle: unknown, length: number): void;
  fdStat(handle: unknown): StatSummary;
  fdClose(handle: unknown): void;
}

/** Linux open flags (identical in Node's `fs.constants` on Linux). */
const O = {
  RDONLY: 0,
  WRONLY: 1,
  RDWR: 2,
  CREAT: 0o100,
  EXCL: 0o200,
  TRUNC: 0o1000,
  APPEND: 0o2000,
  DIRECTORY: 0o200000,
  NOFOLLOW: 0o400000,
};

/** Flag combinations worth comparing. */
const FLAG_SETS = [
  O.WRONLY | O.CREAT,
  O.WRONLY | O.CREAT | O.TRUNC,
  O.WRONLY | O.CREAT | O.EXCL,
  O.RDWR | O.CREAT | O.APPEND,
  O.WRONLY | O.APPEND,
  O.RDWR,
  O.RDONLY,
  O.RDONLY | O.TRUNC,
  O.RDONLY | O.DIRECTORY,
  O.WRONLY | O.CREAT | O.NOFOLLOW,
  O.RDONLY | O.NOFOLLOW,
  O.RDWR | O.CREAT | O.EXCL | O.NOFOLLOW,
];

const NAMES = ["a", "b", "c", "l", "m", "r", "s"];
const LONG_NAME = "n".repeat(256);

/** A path of one to three components, sometimes with `.`, one `..` or a trailing slash. */
export const pathArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 24, arbitrary: fc.constantFrom(...NAMES) },
        { weight: 1, arbitrary: fc.constant(".") },
        { weight: 1, arbitrary: fc.constant("..") },
        { weight: 1, arbitrary: fc.constant(LONG_NAME) },
      ),
      { minLength: 3, maxLength: 3 },
    ),
    fc.nat(19),
    fc.nat(9),
  )
  .map(([parts, depthRoll, slashRoll]) => {
    const depth = depthRoll < 10 ? 1 : depthRoll < 17 ? 2 : 3;
    // At most one `..`, so a walk never climbs above the test's parent directory.
    let seenUp = false;
    const safe = parts.slice(0, depth).map((p) => {
      if (p !== "..") return p;
      if (seenUp) return "a";
      seenUp = true;
      return p;
    });
    return safe.join("/") + (slashRoll === 0 ? "/" : "");
  });

/** Symlink targets: relative names without `..` (so links never leave the test directory). */
const targetArb = fc.oneof(
  fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((p) => p.join("/")),
  fc.constantFrom(".", "a/", "l", "m"),
);

const modeArb = fc.constantFrom(
  0o755,
  0o700,
  0o644,
  0o600,
  0o444,
  0o200,
  0o111,
  0o000,
  0o777,
  0o1777,
);
const dataArb = fc.string({ maxLength: 12 });

/** One random operation. */
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant("mkdir" as const), path: pathArb, mode: modeArb }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("rmdir" as const), path: pathArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("unlink" as const), path: pathArb }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("open" as const),
      path: pathArb,
      flags: fc.constantFrom(...FLAG_SETS),
      data: dataArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("pwrite" as const),
      path: pathArb,
      offset: fc.nat(10_000),
      data: dataArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("readFile" as const), path: pathArb }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("rename" as const), from: pathArb, to: pathArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("symlink" as const), target: targetArb, path: pathArb }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("readlink" as const), path: pathArb }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("link" as const), from: pathArb, to: pathArb }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("stat" as const), path: pathArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("lstat" as const), path: pathArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("truncate" as const),
      path: pathArb,
      length: fc.integer({ min: -1, max: 9000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("readdir" as const), path: pathArb }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("chmod" as const), path: pathArb, mode: modeArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("access" as const), path: pathArb, mode: fc.nat(7) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("chown" as const),
      path: pathArb,
      uid: fc.constantFrom(-1, 0, 1000, 65534),
      gid: fc.constantFrom(-1, 0, 1000, 65534),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("fdOpen" as const),
      path: pathArb,
      flags: fc.constantFrom(...FLAG_SETS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("fdWrite" as const), slot: fc.nat(3), data: dataArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("fdRead" as const),
      slot: fc.nat(3),
      // Not 0: Node's readSync returns 0 for an empty read without asking the kernel.
      length: fc.integer({ min: 1, max: 20 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("fdTruncate" as const),
      slot: fc.nat(3),
      length: fc.integer({ min: -1, max: 30 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("fdStat" as const), slot: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("fdClose" as const), slot: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("utimes" as const),
      path: pathArb,
      seconds: fc.integer({ min: 0, max: 2_000_000_000 }),
    }),
  },
);

/**
 * A starting tree so that random steps meet existing files, directories, links and
 * dangling links rather than mostly `ENOENT`.
 */
export const SEED_OPS: readonly Op[] = [
  { op: "mkdir", path: "a", mode: 0o755 },
  { op: "mkdir", path: "a/b", mode: 0o755 },
  { op: "mkdir", path: "b", mode: 0o700 },
  { op: "open", path: "c", flags: O.WRONLY | O.CREAT, data: "hello" },
  { op: "open", path: "a/c", flags: O.WRONLY | O.CREAT, data: "x" },
  { op: "symlink", target: "a", path: "l" },
  { op: "symlink", target: "c", path: "a/m" },
  { op: "symlink", target: "b/c", path: "a/l" },
  { op: "link", from: "c", to: "b/c" },
];

/**
 * Made by root before each sequence (whoever runs it): a root-owned directory `r` with a
 * file readable by group 65534 only, and a sticky world-writable `s` holding root's file, so
 * the unprivileged comparison meets other owners, group permissions and the sticky bit.
 */
export const ROOT_SEED_OPS: readonly Op[] = [
  { op: "mkdir", path: "r", mode: 0o755 },
  { op: "open", path: "r/c", flags: O.WRONLY | O.CREAT, data: "root's" },
  { op: "chown", path: "r/c", uid: 0, gid: 65534 },
  { op: "chmod", path: "r/c", mode: 0o640 },
  { op: "mkdir", path: "s", mode: 0o777 },
  { op: "chmod", path: "s", mode: 0o1777 },
  { op: "open", path: "s/c", flags: O.WRONLY | O.CREAT, data: "sticky" },
];

/** A whole sequence: the seed tree, then random steps. */
export const opsArb: fc.Arbitrary<Op[]> = fc
  .array(opArb, { minLength: 1, maxLength: 30 })
  .map((ops) => [...SEED_OPS, ...ops]);

/** The outcome of one step: a value, or the errno name it failed with. */
export type Outcome = { ok: unknown } | { err: string };

const encoder = new TextEncoder();

function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Descriptors kept open across steps: slot numbers are the order of successful opens. */
type Slots = (unknown | undefined)[];

const EBADF = Object.assign(new Error("EBADF"), { code: "EBADF" });

function slot(slots: Slots, index: number): unknown {
  const handle = slots[index];
  if (handle === undefined) throw EBADF;
  return handle;
}

/** Applies one operation. */
function apply(d: FsDriver, op: Op, slots: Slots): unknown {
  switch (op.op) {
    case "fdOpen":
      slots.push(d.fdOpen(op.path, op.flags));
      return slots.length - 1;
    case "fdWrite":
      return d.fdWrite(slot(slots, op.slot), encoder.encode(op.data));
    case "fdRead":
      return hex(d.fdRead(slot(slots, op.slot), op.length));
    case "fdTruncate":
      return d.fdTruncate(slot(slots, op.slot), op.length);
    case "fdStat":
      return d.fdStat(slot(slots, op.slot));
    case "fdClose": {
      const handle = slot(slots, op.slot);
      slots[op.slot] = undefined;
      return d.fdClose(handle);
    }
    case "mkdir":
      return d.mkdir(op.path, op.mode);
    case "rmdir":
      return d.rmdir(op.path);
    case "unlink":
      return d.unlink(op.path);
    case "open":
      return d.openWrite(op.path, op.flags, encoder.encode(op.data));
    case "pwrite":
      return d.pwrite(op.path, op.offset, encoder.encode(op.data));
    case "readFile":
      return hex(d.readFile(op.path));
    case "rename":
      return d.rename(op.from, op.to);
    case "symlink":
      return d.symlink(op.target, op.path);
    case "readlink":
      return d.readlink(op.path);
    case "link":
      return d.link(op.from, op.to);
    case "stat":
      return d.stat(op.path);
    case "lstat":
      return d.lstat(op.path);
    case "truncate":
      return d.truncate(op.path, op.length);
    case "readdir":
      return d.readdir(op.path).sort();
    case "chmod":
      return d.chmod(op.path, op.mode);
    case "access":
      return d.access(op.path, op.mode);
    case "chown":
      return d.chown(op.path, op.uid, op.gid);
    case "utimes":
      return d.utimes(op.path, op.seconds);
  }
}

/** Runs a sequence, recording every outcome (errors by their errno name). */
export function runOps(d: FsDriver, ops: readonly Op[]): Outcome[] {
  const slots: Slots = [];
  try {
    return ops.map((op) => {
      try {
        const value = apply(d, op, slots);
        return { ok: value ?? null };
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (typeof code !== "string") throw e;
        return { err: code };
      }
    });
  } finally {
    for (const handle of slots) if (handle !== undefined) d.fdClose(handle);
  }
}
