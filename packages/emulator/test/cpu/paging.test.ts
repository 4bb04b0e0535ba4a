import { describe, expect, it } from "vitest";
import { hex, runFixture } from "./fixture-harness.js";

describe("fixture paging.asm (protected mode switch and paging from reset)", () => {
  const run = runFixture("paging");

  it("switches to protected mode and turns paging on", () => {
    expect(run.tripleFaults).toBe(0);
    expect(hex(run.reports.slice(0, 3))).toEqual(hex([1, 0x60000011, 0xe0010011]));
  });

  it("translates, writes back accessed/dirty bits, honours invlpg", () => {
    expect(hex(run.reports.slice(3, 7))).toEqual(hex([0x12345678, 0x60, 0, 0x12345678]));
  });

  it("raises #PF with CR2 and the error code and restarts the access", () => {
    expect(hex(run.reports.slice(7, 14))).toEqual(
      hex([
        0x500000, // CR2: directory entry not present
        0x2, //      error code: write, not present, supervisor
        0x55, //     the restarted write landed
        0x300000, // CR2: read-only page
        0x3, //      error code: present | write
        0xcafe,
        0x12345678, // 4 MiB PSE page mapped onto physical 0
      ]),
    );
    expect(hex(run.reports.slice(14))).toEqual(hex([0x20]));
    expect(run.cpu.cr2 >>> 0).toBe(0x300000);
  });
});
