/** The README's standalone example, run as written. */

import { describe, expect, it } from "vitest";
import { ErrnoError, O_APPEND, O_WRONLY, RamFs, Vfs } from "../src/index.js";

describe("README example", () => {
  it("creates a VFS, mounts, writes and reads", () => {
    const vfs = new Vfs();
    vfs.mkdir("/tmp");
    vfs.mount("/tmp", new RamFs({ sizeLimit: 1 << 20 }));
    vfs.writeFile("/tmp/hello.txt", "hello\n");
    const log = vfs.open("/tmp/hello.txt", O_WRONLY | O_APPEND);
    log.write(new TextEncoder().encode("again\n"));
    log.close();
    expect(vfs.readFile("/tmp/hello.txt", "utf8")).toBe("hello\nagain\n");
    let error: unknown;
    try {
      vfs.rename("/tmp/hello.txt", "/hello.txt");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ErrnoError);
    expect([(error as ErrnoError).code, (error as ErrnoError).errno]).toEqual(["EXDEV", 18]);
  });
});
