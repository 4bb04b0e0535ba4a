import { describe, expect, it } from "vitest";
import { parseTar } from "./tar-reader.js";
import { exportTar } from "./tar-writer.js";
import { Vfs } from "./vfs.js";

describe("exportTar", () => {
  it("splits long paths into prefix and name, and uses GNU L members beyond that", () => {
    const vfs = new Vfs();
    const deep = `/src/${"d".repeat(90)}/${"e".repeat(90)}`;
    vfs.mkdirp(deep);
    vfs.writeFile(`${deep}/file`, "x");
    vfs.writeFile(`/src/${"n".repeat(200)}`, "long");
    const bytes = exportTar(vfs, "/src");
    const magic = new TextDecoder().decode(bytes.subarray(257, 262));
    expect(magic).toBe("ustar");
    const entries = parseTar(bytes);
    expect(entries.map((e) => e.path)).toContain(`${"d".repeat(90)}/${"e".repeat(90)}/file`);
    expect(entries.map((e) => e.path)).toContain("n".repeat(200));
    // The 200-byte name needs a GNU long-name member; the splittable path does not.
    expect(new TextDecoder().decode(bytes).includes("././@LongLink")).toBe(true);
  });

  it("writes hard links as type 1 and keeps modes, owners and mtimes", () => {
    const vfs = new Vfs();
    vfs.mkdir("/s");
    vfs.writeFile("/s/a", "data");
    vfs.chown("/s/a", 12, 34); // first: a chown clears set-user-id, as on Linux
    vfs.chmod("/s/a", 0o4750);
    vfs.utimes("/s/a", 5000, 1_600_000_000_000);
    vfs.link("/s/a", "/s/b");
    const [a, b] = parseTar(exportTar(vfs, "/s"));
    expect(a).toMatchObject({
      path: "a",
      type: "file",
      mode: 0o4750,
      uid: 12,
      gid: 34,
      mtimeMs: 1_600_000_000_000,
    });
    expect(b).toMatchObject({ path: "b", type: "hardlink", linkTarget: "a" });
  });
});
