import { describe, expect, it } from "vitest";
import { R_OK, S_IFDIR, S_IFREG, W_OK, X_OK } from "./constants.js";
import { ROOT, permits } from "./credentials.js";
import type { Stats } from "./stats.js";

function file(mode: number, uid = 10, gid = 20): Stats {
  return {
    dev: 0,
    ino: 1,
    mode,
    nlink: 1,
    uid,
    gid,
    rdev: 0,
    size: 0,
    blksize: 4096,
    blocks: 0,
    atimeMs: 0,
    mtimeMs: 0,
    ctimeMs: 0,
  };
}

describe("permits", () => {
  it("uses the owner class, then the group class, then others", () => {
    const f = file(S_IFREG | 0o640);
    expect(permits({ uid: 10, gid: 0, groups: [] }, f, R_OK | W_OK)).toBe(true);
    expect(permits({ uid: 11, gid: 20, groups: [] }, f, R_OK)).toBe(true);
    expect(permits({ uid: 11, gid: 20, groups: [] }, f, W_OK)).toBe(false);
    expect(permits({ uid: 11, gid: 1, groups: [20] }, f, R_OK)).toBe(true);
    expect(permits({ uid: 11, gid: 1, groups: [] }, f, R_OK)).toBe(false);
    // The owner class decides even when it grants less than others.
    expect(permits({ uid: 10, gid: 0, groups: [] }, file(S_IFREG | 0o007), R_OK)).toBe(false);
  });

  it("lets root read and write anything, execute only with an x bit or a directory", () => {
    expect(permits(ROOT, file(S_IFREG | 0o000), R_OK | W_OK)).toBe(true);
    expect(permits(ROOT, file(S_IFREG | 0o600), X_OK)).toBe(false);
    expect(permits(ROOT, file(S_IFREG | 0o010), X_OK)).toBe(true);
    expect(permits(ROOT, file(S_IFDIR | 0o000), X_OK)).toBe(true);
  });
});
