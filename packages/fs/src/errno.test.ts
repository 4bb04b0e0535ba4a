import { describe, expect, it } from "vitest";
import { Errno, ErrnoError, errnoError, isErrnoName } from "./errno.js";

describe("ErrnoError", () => {
  it("carries Linux names and numbers", () => {
    expect([Errno.ENOENT, Errno.EACCES, Errno.ENOTEMPTY, Errno.ELOOP]).toEqual([2, 13, 39, 40]);
    const e = errnoError("ENOENT", "open", "/x");
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.errno, e.syscall, e.path]).toEqual(["ENOENT", 2, "open", "/x"]);
    expect(e.message).toBe("ENOENT: No such file or directory, open '/x'");
  });

  it("keeps code and number when context is added", () => {
    const e = new ErrnoError("EXDEV").withContext("rename", "/a");
    expect([e.code, e.errno, e.message]).toEqual([
      "EXDEV",
      18,
      "EXDEV: Invalid cross-device link, rename '/a'",
    ]);
  });

  it("recognizes errno names such as Node's error codes", () => {
    expect(isErrnoName("EEXIST")).toBe(true);
    expect(isErrnoName("ERR_INVALID_ARG_TYPE")).toBe(false);
    expect(isErrnoName("toString")).toBe(false);
  });
});
