import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DT_DIR,
  DT_LNK,
  DT_REG,
  S_IFDIR,
  S_IFLNK,
  S_IFREG,
  devMajor,
  devMinor,
  direntType,
  makeDev,
} from "./constants.js";

describe("device numbers", () => {
  it("packs like Linux new_encode_dev", () => {
    expect(makeDev(1, 3)).toBe(0x103);
    expect(makeDev(136, 300)).toBe(0x10882c);
  });

  it("round-trips 12-bit majors and 20-bit minors", () => {
    fc.assert(
      fc.property(fc.nat(0xfff), fc.nat(0xfffff), (major, minor) => {
        const dev = makeDev(major, minor);
        expect([devMajor(dev), devMinor(dev)]).toEqual([major, minor]);
      }),
    );
  });
});

describe("direntType", () => {
  it("maps file types to getdents64 d_type", () => {
    expect([direntType(S_IFREG | 0o644), direntType(S_IFDIR), direntType(S_IFLNK)]).toEqual([
      DT_REG,
      DT_DIR,
      DT_LNK,
    ]);
  });
});
