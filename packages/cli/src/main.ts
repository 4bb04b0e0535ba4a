/** The `native-kit` command line: parses the arguments and runs a sub-command. */

const USAGE = `usage: native-kit <command> [options]

commands:
  help        show this text
`;

/**
 * Runs the `native-kit` command with `argv` (without the node and script paths) and
 * resolves to the process exit status.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stderr.write(`native-kit: unknown command '${command}'\n${USAGE}`);
  return 2;
}
