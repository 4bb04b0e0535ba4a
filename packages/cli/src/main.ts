/**
 * The `native-kit` command line: picks the sub-command and hands it the rest of the
 * arguments. Each command lives in its own file under `commands/`.
 */
import { bootCommand } from "./commands/boot.js";

const USAGE = `usage: native-kit <command> [options]

commands:
  boot        boot a Multiboot kernel or a BIOS-replacement ROM on the emulated PC
  help        show this text

Run 'native-kit <command> --help' for a command's options.
`;

/** The sub-commands by name: each takes its arguments and resolves to an exit status. */
const COMMANDS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  boot: bootCommand,
};

/**
 * Runs the `native-kit` command with `argv` (without the node and script paths) and
 * resolves to the process exit status.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["boot", "kernel.elf"]);
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`native-kit: unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  return run(rest);
}
