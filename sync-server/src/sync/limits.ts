/**
 * A token bucket: `ratePerSecond` refills, `burst` is the most that can be spent at once.
 *
 * @example
 * const bucket = new TokenBucket(300, 600);
 * if (!bucket.take(1)) socket.close(4429, 'rate limited');
 */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(n: number): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** Per-connection limits: messages and bytes per second, each with a two-second burst. */
export class ConnectionRateLimit {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(o: { messagesPerSecond: number; bytesPerSecond: number; maxMessageBytes: number }) {
    this.messages = new TokenBucket(o.messagesPerSecond, o.messagesPerSecond * 2);
    // The burst always admits one message of the maximum size.
    this.bytes = new TokenBucket(o.bytesPerSecond, Math.max(o.bytesPerSecond * 2, o.maxMessageBytes));
  }

  /** Whether a message of `size` bytes may pass now. */
  allow(size: number): boolean {
    return this.messages.take(1) && this.bytes.take(size);
  }
}
