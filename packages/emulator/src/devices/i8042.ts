/**
 * The 8042 keyboard controller (data port 0x60, status/command port 0x64) with a PS/2
 * keyboard behind it, in translation mode: the guest reads scancode set 1.
 *
 * Modelled: the status register (output/input buffer full, system flag, command/data,
 * keyboard unlocked), the controller configuration byte (IRQ 1 enable, system flag,
 * keyboard disable, translation), controller commands 0x20/0x60 (read/write config),
 * 0xA7–0xAE (port enable/disable and self tests), 0xD0–0xD3 (output port and buffer
 * writes), 0xFE and 0xF0–0xFF pulses (bit 0 low resets the system), and the keyboard's
 * own commands (reset 0xFF, enable/disable 0xF4/0xF5, LEDs 0xED, echo 0xEE, identify
 * 0xF2, scancode set 0xF0, typematic 0xF3, defaults 0xF6). There is no mouse: commands for
 * the auxiliary port are accepted and ignored.
 */
import type { IoBus } from "../io/io-bus.js";
import type { IrqSink } from "./pic.js";
import { keyStroke, textToScancodes } from "./scancodes.js";

const STATUS_OBF = 0x01;
const STATUS_SYS = 0x04;
const STATUS_CMD = 0x08;
const STATUS_UNLOCKED = 0x10;

const CONFIG_KBD_IRQ = 0x01;
const CONFIG_SYS = 0x04;
const CONFIG_KBD_DISABLED = 0x10;
const CONFIG_TRANSLATE = 0x40;

const ACK = 0xfa;
const RESEND = 0xfe;
/** Scancodes the keyboard buffers before it drops keys (a real one holds 16). */
const KEYBOARD_BUFFER = 64;

/**
 * The 8042 and its keyboard.
 *
 * @example
 * ```ts
 * const kbd = new I8042(pic);
 * kbd.attach(io);
 * kbd.onResetRequest = () => machine.reset();
 * kbd.pressKey("Enter");
 * kbd.typeText("ls\n");
 * ```
 */
export class I8042 {
  /** Called when the guest pulses the reset line (command 0xFE, or output port bit 0 low). */
  onResetRequest: (() => void) | null = null;

  private output = -1;
  /** Bytes waiting behind the output buffer: controller replies first, then keyboard data. */
  private readonly replies: number[] = [];
  private readonly keys: number[] = [];
  private config = CONFIG_KBD_IRQ | CONFIG_SYS | CONFIG_TRANSLATE;
  private lastWasCommand = false;
  /** A controller command waiting for its data byte on port 0x60. */
  private pendingControllerCommand = -1;
  /** A keyboard command waiting for its argument byte. */
  private pendingKeyboardCommand = -1;
  private scanning = true;
  private outputPort = 0x03; // reset line high (not asserted), A20 enabled
  private irqLevel = false;

  constructor(private readonly pic: IrqSink) {}

  /** Decodes ports 0x60 and 0x64. */
  attach(io: IoBus): void {
    io.register(0x60, 1, {
      read: () => this.readData(),
      write: (_port, _size, value) => this.writeData(value & 0xff),
    });
    io.register(0x64, 1, {
      read: () => this.status(),
      write: (_port, _size, value) => this.writeCommand(value & 0xff),
    });
  }

  /** Power-on state: empty buffers, keyboard enabled and scanning, IRQ 1 enabled. */
  reset(): void {
    this.output = -1;
    this.replies.length = 0;
    this.keys.length = 0;
    this.config = CONFIG_KBD_IRQ | CONFIG_SYS | CONFIG_TRANSLATE;
    this.lastWasCommand = false;
    this.pendingControllerCommand = this.pendingKeyboardCommand = -1;
    this.scanning = true;
    this.outputPort = 0x03;
    this.setIrq(false);
  }

  /**
   * Queues raw set-1 scancodes as if keys were pressed. Keys are dropped while the
   * keyboard's buffer is full or scanning is disabled, as a real keyboard does.
   */
  injectScancodes(codes: Iterable<number>): void {
    if (!this.scanning) return;
    for (const c of codes) if (this.keys.length < KEYBOARD_BUFFER) this.keys.push(c & 0xff);
    this.refill();
  }

  /** Presses and releases one key by name (see {@link SET1_MAKE_CODES}), with modifiers. */
  pressKey(key: string, mods: { shift?: boolean; ctrl?: boolean; alt?: boolean } = {}): void {
    this.injectScancodes(keyStroke(key, mods));
  }

  /** Types `text` key by key on a US layout. */
  typeText(text: string): void {
    this.injectScancodes(textToScancodes(text));
  }

  /** Scancodes accepted but not yet read by the guest. */
  get pendingScancodes(): number {
    return this.keys.length + (this.output >= 0 ? 1 : 0);
  }

  private status(): number {
    return (
      (this.output >= 0 ? STATUS_OBF : 0) |
      (this.config & CONFIG_SYS ? STATUS_SYS : 0) |
      (this.lastWasCommand ? STATUS_CMD : 0) |
      STATUS_UNLOCKED
    );
  }

  private readData(): number {
    const value = this.output >= 0 ? this.output : 0;
    this.output = -1;
    this.setIrq(false);
    this.refill();
    return value;
  }

  /** Moves the next byte into the empty output buffer and raises IRQ 1 for it. */
  private refill(): void {
    if (this.output >= 0) return;
    if (this.replies.length > 0) {
      this.output = this.replies.shift()!;
    } else if (this.keys.length > 0 && !(this.config & CONFIG_KBD_DISABLED)) {
      this.output = this.keys.shift()!;
    } else {
      return;
    }
    // Each byte is a new edge for the PIC.
    this.setIrq(false);
    if (this.config & CONFIG_KBD_IRQ) this.setIrq(true);
  }

  private setIrq(level: boolean): void {
    if (level === this.irqLevel) return;
    this.irqLevel = level;
    this.pic.setIrq(1, level);
  }

  private reply(...bytes: number[]): void {
    this.replies.push(...bytes);
    this.refill();
  }

  private writeCommand(cmd: number): void {
    this.lastWasCommand = true;
    this.pendingControllerCommand = -1;
    switch (cmd) {
      case 0x20:
        this.reply(this.config);
        return;
      case 0x60:
      case 0xd1:
      case 0xd2:
      case 0xd3:
      case 0xd4:
        this.pendingControllerCommand = cmd;
        return;
      case 0xa7:
      case 0xa8:
        return; // no auxiliary device to enable or disable
      case 0xa9:
        this.reply(0x00);
        return;
      case 0xaa:
        this.reply(0x55);
        return;
      case 0xab:
        this.reply(0x00);
        return;
      case 0xad:
        this.config |= CONFIG_KBD_DISABLED;
        return;
      case 0xae:
        this.config &= ~CONFIG_KBD_DISABLED;
        this.refill();
        return;
      case 0xd0:
        this.reply(this.outputPort | (this.output >= 0 ? 0x10 : 0));
        return;
      default:
        // 0xF0–0xFF pulse output-port lines low for 6 µs; bit 0 is the CPU reset line.
        if (cmd >= 0xf0 && (cmd & 0x01) === 0) this.onResetRequest?.();
    }
  }

  private writeData(value: number): void {
    this.lastWasCommand = false;
    const cmd = this.pendingControllerCommand;
    this.pendingControllerCommand = -1;
    switch (cmd) {
      case 0x60:
        this.config = value;
        this.refill();
        return;
      case 0xd1:
        this.outputPort = value;
        if ((value & 0x01) === 0) this.onResetRequest?.();
        return;
      case 0xd2:
        this.reply(value);
        return;
      case 0xd3:
      case 0xd4:
        return; // no mouse
      default:
        this.keyboardCommand(value);
    }
  }

  private keyboardCommand(value: number): void {
    // The keyboard answers even when the controller port is disabled, and writing to it
    // re-enables the port, as on real controllers.
    this.config &= ~CONFIG_KBD_DISABLED;
    const pending = this.pendingKeyboardCommand;
    if (pending >= 0) {
      this.pendingKeyboardCommand = -1;
      // Scancode set 0 asks which set is active: the keyboard runs set 2, translated.
      if (pending === 0xf0 && value === 0) this.reply(ACK, 0x02);
      else this.reply(ACK);
      return;
    }
    switch (value) {
      case 0xed:
      case 0xf0:
      case 0xf3:
        this.pendingKeyboardCommand = value;
        this.reply(ACK);
        return;
      case 0xee:
        this.reply(0xee);
        return;
      case 0xf2:
        this.reply(ACK, 0xab, this.config & CONFIG_TRANSLATE ? 0x41 : 0x83);
        return;
      case 0xf4:
        this.scanning = true;
        this.reply(ACK);
        return;
      case 0xf5:
        this.scanning = false;
        this.keys.length = 0;
        this.reply(ACK);
        return;
      case 0xf6:
        this.scanning = true;
        this.reply(ACK);
        return;
      case 0xff:
        this.keys.length = 0;
        this.scanning = true;
        this.reply(ACK, 0xaa); // acknowledged, then basic assurance test passed
        return;
      default:
        this.reply(RESEND);
    }
  }
}
