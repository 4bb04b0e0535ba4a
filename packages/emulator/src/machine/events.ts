/**
 * A minimal typed event emitter (no dependency on `node:events`, so the emulator also
 * runs in browsers).
 */

/** Maps each event name to the tuple of its listener's arguments. */
export type EventMap = Record<string, unknown[]>;

type Listener = (...args: unknown[]) => void;

/**
 * Typed listeners by event name.
 *
 * @example
 * ```ts
 * const events = new Emitter<{ tick: [n: number] }>();
 * const off = events.on("tick", (n) => console.log(n));
 * events.emit("tick", 1);
 * off();
 * ```
 */
export class Emitter<E extends EventMap> {
  private readonly listeners = new Map<keyof E, Set<Listener>>();

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as unknown as Listener);
    return () => this.off(event, listener);
  }

  /** Removes a listener added with {@link Emitter.on}. */
  off<K extends keyof E>(event: K, listener: (...args: E[K]) => void): void {
    this.listeners.get(event)?.delete(listener as unknown as Listener);
  }

  /** Calls every listener of `event` with `args`, in the order they were added. */
  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of [...set]) (l as unknown as (...a: E[K]) => void)(...args);
  }
}
