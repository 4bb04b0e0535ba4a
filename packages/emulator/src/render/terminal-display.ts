/**
 * Wires a machine's VGA screen and keyboard to a text terminal: the screen is redrawn
 * (changed cells only) a few dozen times a second, and raw keyboard bytes become
 * scancodes for the emulated 8042. Used by `native-kit boot` and the example kernels.
 */
import type { Machine } from "../machine/machine.js";
import { AnsiTextRenderer } from "./ansi-text.js";
import { stdinToScancodes } from "./stdin-keys.js";

/**
 * Scancodes handed to the keyboard at a time. A real keyboard drops keys once its small
 * buffer is full; pasted text must not, so the rest waits here until the guest reads.
 */
const TYPEAHEAD_CHUNK = 16;

/** The output side of a terminal: `process.stdout` or any stream like it. */
export interface TerminalOutput {
  /** Writes escape sequences and text. */
  write(chunk: string): unknown;
}

/** The input side of a terminal: `process.stdin` or any stream like it. */
export interface TerminalInput {
  /** True for a terminal, whose line discipline is switched to raw mode while attached. */
  readonly isTTY?: boolean;
  /** Switches the terminal's raw mode (present on TTY streams). */
  setRawMode?(raw: boolean): unknown;
  /** Subscribes to input bytes. */
  on(event: "data", listener: (data: Uint8Array) => void): unknown;
  /** Unsubscribes from input bytes. */
  off(event: "data", listener: (data: Uint8Array) => void): unknown;
  /** Stops reading, so that the host process may exit. */
  pause(): unknown;
}

/** How {@link attachTerminalDisplay} behaves. */
export interface TerminalDisplayOptions {
  /** Where the screen is drawn. */
  output: TerminalOutput;
  /** Where keystrokes come from; omit for a display without a keyboard. */
  input?: TerminalInput;
  /**
   * Input bytes that quit instead of reaching the guest: Ctrl+] (0x1D) by default, as in
   * telnet and QEMU, so that Ctrl+C still reaches a guest that reads the keyboard.
   */
  quitBytes?: readonly number[];
  /** Called once when a quit byte is typed (typically stops the machine). */
  onQuit?: () => void;
  /** Milliseconds between redraws (33 by default, about 30 frames a second). */
  frameMs?: number;
}

/**
 * Shows `machine`'s VGA text screen on a terminal and feeds the terminal's keystrokes to
 * its keyboard until the returned function is called, which draws the last frame, puts
 * the terminal back as it was and stops reading input.
 *
 * @example
 * ```ts
 * const detach = attachTerminalDisplay(machine, {
 *   output: process.stdout,
 *   input: process.stdin,
 *   onQuit: () => machine.stop(),
 * });
 * await machine.start();
 * detach();
 * ```
 */
export function attachTerminalDisplay(
  machine: Machine,
  options: TerminalDisplayOptions,
): () => void {
  const { output, input } = options;
  const quitBytes = options.quitBytes ?? [0x1d];
  const renderer = new AnsiTextRenderer((s) => output.write(s));
  const typeahead: number[] = [];
  const feed = () => {
    const room = TYPEAHEAD_CHUNK - machine.keyboard.pendingScancodes;
    if (room > 0 && typeahead.length > 0)
      machine.keyboard.injectScancodes(typeahead.splice(0, room));
  };
  const draw = () => renderer.render(machine.vga.screen(), machine.vga.cursor());
  const tick = () => {
    feed();
    draw();
  };
  draw();
  const timer = setInterval(tick, options.frameMs ?? 33);

  let quit = false;
  const onKeys = (data: Uint8Array) => {
    if (data.some((b) => quitBytes.includes(b))) {
      if (!quit) options.onQuit?.();
      quit = true;
      return;
    }
    for (const code of stdinToScancodes(data)) typeahead.push(code);
    feed();
  };
  const raw = input?.isTTY === true && input.setRawMode !== undefined;
  if (input) {
    if (raw) input.setRawMode!(true);
    input.on("data", onKeys);
  }

  let detached = false;
  return () => {
    if (detached) return;
    detached = true;
    clearInterval(timer);
    draw();
    output.write(renderer.restore());
    if (input) {
      input.off("data", onKeys);
      if (raw) input.setRawMode!(false);
      input.pause();
    }
  };
}
