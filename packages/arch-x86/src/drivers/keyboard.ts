/**
 * `Keyboard`: the PS/2 keyboard driver. Reads scancodes from the 8042 on IRQ 1, tracks
 * shift, ctrl, alt and caps lock, and turns them into key events and typed characters.
 */
import type { Component, ComponentContext } from "@native-kit/system";
import { ServiceKey } from "@native-kit/system";
import type { IrqRouter } from "../irq-router.js";
import { IrqsKey } from "../platform.js";
import { PortIo } from "../port-io.js";
import type { X86Machine } from "../x86-machine.js";
import { SET1, SET1_EXTENDED } from "./scancodes.js";

const DATA_PORT = 0x60;
const STATUS_PORT = 0x64;
const STATUS_OUTPUT_FULL = 0x01;
const KEYBOARD_IRQ = 1;

/** One key going down (or repeating) or up. */
export interface KeyEvent {
  /** The key's name (see {@link SET1}); `"Unknown"` for codes the map lacks. */
  readonly key: string;
  /** The make code (with 0xE000 added for extended keys). */
  readonly code: number;
  /** True for make (press or auto-repeat), false for break (release). */
  readonly pressed: boolean;
  /** The character typed, taking modifiers into account, or `null`. Ctrl+letter gives a control character. */
  readonly char: string | null;
  /** Shift held. */
  readonly shift: boolean;
  /** Ctrl held. */
  readonly ctrl: boolean;
  /** Alt held. */
  readonly alt: boolean;
  /** Caps lock on. */
  readonly capsLock: boolean;
}

/** Receives key events. */
export type KeyListener = (event: KeyEvent) => void;

/** The keyboard service: the driver itself. */
export const KeyboardKey: ServiceKey<Keyboard> = new ServiceKey<Keyboard>("arch-x86.keyboard");

/**
 * The keyboard, as a component.
 *
 * @example
 * ```ts
 * const keyboard = system.install(new Keyboard());
 * system.boot();
 * keyboard.onKey((e) => { if (e.pressed && e.char) video.write(e.char); });
 * ```
 */
export class Keyboard implements Component<X86Machine> {
  readonly name = "keyboard";
  readonly provides = [KeyboardKey];
  readonly needs = [IrqsKey];
  private ports: PortIo | null = null;
  private release: (() => void) | null = null;
  private readonly listeners: KeyListener[] = [];
  private readonly typed: string[] = [];
  private extended = false;
  private leftShift = false;
  private rightShift = false;
  private leftCtrl = false;
  private rightCtrl = false;
  private leftAlt = false;
  private rightAlt = false;
  /** Caps lock state. */
  capsLock = false;

  /** Claims IRQ 1 and drains anything already waiting in the controller. */
  init(ctx: ComponentContext<X86Machine>): void {
    this.ports = new PortIo(ctx.machine.io);
    const irqs: IrqRouter = ctx.get(IrqsKey);
    this.drain();
    this.release = irqs.on(KEYBOARD_IRQ, () => this.drain());
    ctx.provide(KeyboardKey, this);
  }

  /** Releases IRQ 1. */
  shutdown(): void {
    this.release?.();
    this.release = null;
  }

  /** Adds a listener for every key event; returns a function that removes it. */
  onKey(listener: KeyListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Takes the characters typed since the last call (at most `max`). */
  read(max = Infinity): string {
    return this.typed.splice(0, max).join("");
  }

  /** How many typed characters are waiting. */
  get available(): number {
    return this.typed.length;
  }

  /** Reads every byte the controller holds and decodes it. */
  drain(): void {
    const ports = this.ports;
    if (!ports) return;
    // The 8042 buffer is tiny; the bound only guards against a controller stuck "full".
    for (let i = 0; i < 64 && (ports.inb(STATUS_PORT) & STATUS_OUTPUT_FULL) !== 0; i++) {
      this.feed(ports.inb(DATA_PORT));
    }
  }

  /** Decodes one scancode byte (exposed for drivers that get bytes another way). */
  feed(byte: number): void {
    if (byte === 0xe0) {
      this.extended = true;
      return;
    }
    const extended = this.extended;
    this.extended = false;
    const pressed = (byte & 0x80) === 0;
    const make = byte & 0x7f;
    // E0 2A / E0 AA are the "fake shifts" some keys send around themselves: not real keys.
    if (extended && (make === 0x2a || make === 0x36)) return;
    const info = (extended ? SET1_EXTENDED : SET1).get(make);
    const key = info?.key ?? "Unknown";
    this.trackModifier(key, pressed);
    const shift = this.leftShift || this.rightShift;
    const ctrl = this.leftCtrl || this.rightCtrl;
    let char: string | null = null;
    if (pressed && info && info.normal !== null) {
      const letter = /^[a-z]$/.test(info.normal);
      const upper = letter ? shift !== this.capsLock : shift;
      char = upper ? info.shifted : info.normal;
      if (ctrl && letter) char = String.fromCharCode(info.normal.charCodeAt(0) & 0x1f);
    }
    const event: KeyEvent = {
      key,
      code: extended ? 0xe000 | make : make,
      pressed,
      char,
      shift,
      ctrl,
      alt: this.leftAlt || this.rightAlt,
      capsLock: this.capsLock,
    };
    if (char !== null) this.typed.push(char);
    for (const listener of [...this.listeners]) listener(event);
  }

  private trackModifier(key: string, pressed: boolean): void {
    switch (key) {
      case "LeftShift":
        this.leftShift = pressed;
        break;
      case "RightShift":
        this.rightShift = pressed;
        break;
      case "LeftControl":
        this.leftCtrl = pressed;
        break;
      case "RightControl":
        this.rightCtrl = pressed;
        break;
      case "LeftAlt":
        this.leftAlt = pressed;
        break;
      case "RightAlt":
        this.rightAlt = pressed;
        break;
      case "CapsLock":
        if (pressed) this.capsLock = !this.capsLock;
        break;
    }
  }
}
