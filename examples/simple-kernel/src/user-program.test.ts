import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { helloUserBinary } from "./user-program.js";

describe("helloUserBinary", () => {
  it("is the committed fixture binary (rerun fixtures/build.sh after editing the source)", () => {
    const onDisk = readFileSync(new URL("../fixtures/hello-user.bin", import.meta.url));
    expect(helloUserBinary()).toEqual(new Uint8Array(onDisk));
  });
});
