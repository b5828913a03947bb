/**
 * @module runtime/delta-coalescer
 * Rolls a fast model's text deltas into `turn` pushes: the first delta goes out at once (time to first token is what
 * people feel), later ones are joined and flushed every `windowMs` (tens of ms), so a model emitting hundreds of
 * tokens per second sends tens of pushes per second per turn, not hundreds.
 */
export class DeltaCoalescer {
  #pending = '';
  #timer: NodeJS.Timeout | undefined;
  #sentFirst = false;

  constructor(private readonly windowMs: number, private readonly emit: (text: string) => void) {}

  add(text: string): void {
    if (text.length === 0) return;
    if (!this.#sentFirst) {
      this.#sentFirst = true;
      this.emit(text);
      return;
    }
    this.#pending += text;
    this.#timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Sends what is pending now (before `end`, `error` or `cancelled`). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const text = this.#pending;
    this.#pending = '';
    this.emit(text);
  }

  /** Drops what is pending (a cancelled turn sends no more text). */
  discard(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = '';
  }
}
