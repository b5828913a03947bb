/** @module flow/bad-frame-counter — counts bad frames in a sliding window; the limit-th one means abuse (close 4002). */
export class BadFrameCounter {
  private readonly times: number[] = [];

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Records one bad frame; true when this one reaches the limit within the window. */
  record(now = Date.now()): boolean {
    this.times.push(now);
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    return this.times.length >= this.limit;
  }
}
