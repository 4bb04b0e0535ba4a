import { describe, expect, it } from "vitest";
import { O_DIRECTORY, O_WRONLY } from "./constants.js";
import { ProcFs, type ProcessInfo } from "./procfs.js";
import { Vfs } from "./vfs.js";

function withProc(): { vfs: Vfs; proc: ProcFs; current: { pid: number } } {
  const vfs = new Vfs();
  const proc = new ProcFs({ clock: () => 5000 });
  vfs.mkdir("/proc");
  vfs.mount("/proc", proc);
  const current = { pid: 7 };
  const procs = new Map([
    [1, { cmd: "init\0", exe: "/sbin/init" }],
    [7, { cmd: "sh\0-c\0ls\0", exe: "/bin/sh" }],
  ]);
  const info: ProcessInfo = {
    pids: () => [...procs.keys()],
    current: () => current.pid,
    stat: (pid) => (procs.has(pid) ? `${pid} (x) R 1 1 1 0` : undefined),
    cmdline: (pid) => procs.get(pid)?.cmd,
    exe: (pid) => procs.get(pid)?.exe,
  };
  proc.setProcesses(info);
  return { vfs, proc, current };
}

describe("procfs", () => {
  it("serves registered files, generated at open time", () => {
    const { vfs, proc } = withProc();
    let uptime = 1.5;
    proc.register("uptime", () => `${uptime.toFixed(2)} 0.00\n`);
    proc.register("meminfo", () => "MemTotal: 1024 kB\n");
    expect(vfs.readFile("/proc/uptime", "utf8")).toBe("1.50 0.00\n");
    uptime = 2;
    expect(vfs.readFile("/proc/uptime", "utf8")).toBe("2.00 0.00\n");
    expect(vfs.readFile("/proc/meminfo", "utf8")).toBe("MemTotal: 1024 kB\n");
    expect(vfs.stat("/proc/meminfo").mode).toBe(0o100444);
  });

  it("shows a directory per process and /proc/self", () => {
    const { vfs, current } = withProc();
    expect(vfs.readdir("/proc")).toEqual(["self", "1", "7"]);
    expect(vfs.readlink("/proc/self")).toBe("7");
    expect(vfs.readFile("/proc/self/cmdline", "utf8")).toBe("sh\0-c\0ls\0");
    expect(vfs.readlink("/proc/self/exe")).toBe("/bin/sh");
    expect(vfs.readFile("/proc/1/stat", "utf8")).toBe("1 (x) R 1 1 1 0");
    expect(vfs.readdir("/proc/1").sort()).toEqual(["cmdline", "exe", "stat"]);
    current.pid = 1;
    expect(vfs.readlink("/proc/self/exe")).toBe("/sbin/init");
    expect(() => vfs.stat("/proc/99")).toThrow(/ENOENT/);
  });

  it("is read-only", () => {
    const { vfs } = withProc();
    expect(() => vfs.writeFile("/proc/new", "x")).toThrow(/EROFS/);
    expect(() => vfs.open("/proc/1/stat", O_WRONLY)).toThrow(/EROFS/);
    expect(() => vfs.mkdir("/proc/d")).toThrow(/EROFS/);
    expect(() => vfs.open("/proc/1/stat", O_DIRECTORY)).toThrow(/ENOTDIR/);
  });

  it("refuses names that would clash with pids or self", () => {
    const { proc } = withProc();
    expect(() => proc.register("12", () => "")).toThrow(/EINVAL/);
    expect(() => proc.register("self", () => "")).toThrow(/EINVAL/);
    expect(() => proc.register("a/b", () => "")).toThrow(/EINVAL/);
  });
});
