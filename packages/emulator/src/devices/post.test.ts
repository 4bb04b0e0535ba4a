import { describe, expect, it } from "vitest";
import { IoBus } from "../io/io-bus.js";
import { PostPort } from "./post.js";

describe("PostPort", () => {
  it("latches and reports each code written to port 0x80", () => {
    const io = new IoBus();
    const post = new PostPort();
    post.attach(io);
    const codes: number[] = [];
    post.onCode = (c) => codes.push(c);
    io.write8(0x80, 0x12);
    io.write8(0x80, 0x1ab);
    expect(codes).toEqual([0x12, 0xab]);
    expect(io.read8(0x80)).toBe(0xab);
    post.reset();
    expect(post.lastCode).toBe(0);
  });
});
