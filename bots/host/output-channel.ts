/**
 * @module host/output-channel
 * A one-consumer queue between the IPC handler (which pushes a turn's outputs as they arrive) and the async
 * generator the engine reads. Ends with a value or an error; whatever was pushed before the end is read first.
 */
export class OutputChannel<T, R> {
  readonly #items: T[] = [];
  #end: { readonly value: R } | undefined;
  #error: { readonly error: unknown } | undefined;
  #wake: (() => void) | undefined;

  push(item: T): void {
    if (this.#end !== undefined || this.#error !== undefined) return;
    this.#items.push(item);
    this.#signal();
  }

  close(value: R): void {
    if (this.#end !== undefined || this.#error !== undefined) return;
    this.#end = { value };
    this.#signal();
  }

  /**
   * Ends the channel with an error. With `discardPending` (a cancel or timeout: stop now) queued items are dropped;
   * otherwise they are read before the error.
   */
  fail(error: unknown, discardPending: boolean): void {
    if (this.#end !== undefined || this.#error !== undefined) return;
    this.#error = { error };
    if (discardPending) this.#items.length = 0;
    this.#signal();
  }

  async next(): Promise<IteratorResult<T, R>> {
    for (;;) {
      const item = this.#items.shift();
      if (item !== undefined) return { done: false, value: item };
      if (this.#error !== undefined) throw this.#error.error;
      if (this.#end !== undefined) return { done: true, value: this.#end.value };
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
