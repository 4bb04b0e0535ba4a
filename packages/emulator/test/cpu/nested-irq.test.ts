import { describe, expect, it } from "vitest";
import type { InterruptLine } from "../../src/cpu/interrupt-line.js";
import { hex, runFixture } from "./fixture-harness.js";

/** A FIFO interrupt line: the fixture queues vectors by writing them to port 0xE2. */
class QueueLine implements InterruptLine {
  readonly queue: number[] = [];
  hasInterrupt(): boolean {
    return this.queue.length > 0;
  }
  acknowledge(): number {
    return this.queue.shift() ?? 0xff;
  }
}

describe("fixture nested-irq.asm (hardware interrupts)", () => {
  const line = new QueueLine();
  const run = runFixture("nested-irq", {
    interruptLine: line,
    ports: [
      {
        port: 0xe2,
        count: 1,
        handler: { read: () => 0, write: (_p, _s, v) => line.queue.push(v) },
      },
    ],
  });

  it("takes an interrupt at the boundary after the out that raised it", () => {
    expect(run.tripleFaults).toBe(0);
    const [afterOut, first, eip] = run.reports;
    expect(first).toBe(0x20);
    expect(eip).toBe(afterOut);
  });

  it("nests a second interrupt after sti in the handler, honouring the shadow", () => {
    expect(hex(run.reports.slice(3))).toEqual(
      hex([0x2000, 0x21, 0x20ff, 0x99, 0xaa, 0x21, 0x21, 0xbb]),
    );
    expect(line.queue).toEqual([]);
  });
});
