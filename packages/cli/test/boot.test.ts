/**
 * `native-kit boot` end to end: spawns the real command (through tsx, so no build is
 * needed) on the emulator's fixture kernels and checks output and exit status.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/src/bin.ts");
const KERNELS = join(ROOT, "packages/emulator/fixtures/kernels/bin");

function boot(args: string[], input = "") {
  const r = spawnSync(
    process.execPath,
    ["--conditions=source", "--import", "tsx", BIN, "boot", ...args],
    {
      cwd: ROOT,
      input,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each case spawns Node with tsx; on a loaded machine that takes seconds.
describe("native-kit boot", { timeout: 120_000 }, () => {
  it("passes COM1 to stdout and exits with (value << 1) | 1", () => {
    const r = boot([join(KERNELS, "serial-hello.elf")]);
    expect(r.stdout).toBe("Hello, serial world!\n");
    expect(r.status).toBe((0x10 << 1) | 1);
  });

  it("draws the VGA screen with --display terminal and exits 0 on cli; hlt", () => {
    const r = boot([join(KERNELS, "vga-hello.elf"), "--display", "terminal"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("\x1b[0;97;44mHELLO WORLD");
  });

  it("boots a ROM with --rom and prints POST codes with --post", () => {
    const r = boot(["--rom", join(KERNELS, "rom-hello.bin"), "--post"]);
    expect(r.stdout).toBe("Hello from the ROM\n");
    expect(r.stderr).toBe("POST 0x55\n");
    expect(r.status).toBe((0x42 << 1) | 1);
  });

  it("writes COM1 to a file with --serial FILE and passes the command line", () => {
    const dir = mkdtempSync(join(tmpdir(), "native-kit-boot-"));
    const out = join(dir, "serial.txt");
    const mod = join(dir, "mod.txt");
    writeFileSync(mod, "module bytes");
    const r = boot([
      join(KERNELS, "memory-map.elf"),
      "--serial",
      out,
      "--cmdline",
      "quiet",
      "--module",
      mod,
      "--memory",
      "8M",
    ]);
    expect(r.status).toBe(1);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("mem_lower=639K mem_upper=7168K\n");
    expect(text).toContain("cmdline=quiet\n");
    expect(text).toContain(`module ${mod} `);
  });

  it("types standard input into COM1", () => {
    const r = boot([join(KERNELS, "serial-echo.elf")], "hello, world.");
    expect(r.stdout).toBe("echo>HELLO, WORLD<done\n");
    expect(r.status).toBe((0x11 << 1) | 1);
  });

  it("reports each bad input with one line and its documented status", () => {
    const dir = mkdtempSync(join(tmpdir(), "native-kit-bad-"));
    const truncated = join(dir, "truncated.rom");
    writeFileSync(truncated, readFileSync(join(KERNELS, "rom-hello.bin")).subarray(0, 50_000));
    const cases: [string[], number, RegExp][] = [
      [
        [join(KERNELS, "missing.elf")],
        4,
        /^native-kit: cannot read kernel '.*missing\.elf' \(ENOENT\)\n$/,
      ],
      [[join(ROOT, "package.json")], 6, /^native-kit: .*package\.json: not an ELF file/],
      [[join(KERNELS, "no-multiboot.elf")], 6, /no Multiboot header/],
      [["--rom", truncated], 6, /ROM image is 50000 bytes; a BIOS-replacement ROM must be exactly/],
      [
        [join(KERNELS, "triple-fault.elf")],
        8,
        /^native-kit: triple fault: the guest CPU shut down \(EIP 0x[0-9a-f]+\)\n$/,
      ],
      [
        [join(KERNELS, "loop-forever.elf"), "--timeout", "0.5"],
        10,
        /^native-kit: timeout: the guest ran 0.5 s without exiting/,
      ],
      [["--bogus"], 2, /^native-kit boot: Unknown option '--bogus'/],
    ];
    for (const [args, status, message] of cases) {
      const r = boot(args);
      expect({ args, status: r.status }).toEqual({ args, status });
      expect(r.stderr).toMatch(message);
      if (status !== 2) expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("prints its usage with --help and the command list without arguments", () => {
    expect(boot(["--help"]).stdout).toMatch(/^usage: native-kit boot KERNEL.elf/);
    const r = spawnSync(process.execPath, ["--conditions=source", "--import", "tsx", BIN], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.stdout).toContain("boot        boot a Multiboot kernel");
    expect(r.status).toBe(0);
  });
});

/** `script` (util-linux) gives the command a pseudo-terminal, as an interactive user has. */
const HAS_SCRIPT = spawnSync("script", ["--version"]).status === 0;

describe("native-kit boot on a terminal", { timeout: 120_000 }, () => {
  if (!HAS_SCRIPT) {
    it("needs util-linux's `script` to run the command on a pseudo-terminal", () => {
      throw new Error("`script` is not installed: install util-linux to run this test");
    });
    return;
  }

  it("draws the screen and turns raw keystrokes into key presses", async () => {
    const cmd = [
      process.execPath,
      "--conditions=source",
      "--import",
      "tsx",
      BIN,
      "boot",
      join(KERNELS, "keyboard-echo.elf"),
    ].join(" ");
    const child = spawn("script", ["-qec", `${cmd}; echo "status=$?"`, "/dev/null"], { cwd: ROOT });
    let out = "";
    let typed = false;
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
      // Type once the kernel has drawn its prompt (its keyboard driver is then running).
      if (!typed && out.includes("keyboard-echo: type, Escape quits")) {
        typed = true;
        child.stdin.write("Hi 42\r");
        setTimeout(() => child.stdin.write("\x1b"), 300);
      }
    });
    const guard = setTimeout(() => child.kill(), 60_000);
    await new Promise((resolve) => child.on("close", resolve));
    clearTimeout(guard);
    expect(out).toContain("\x1b[0;30;47mkeyboard-echo: type, Escape quits");
    expect(out).toContain("Hi 42");
    expect(out).toMatch(/status=97/);
  });
});
