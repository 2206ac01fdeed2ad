/** An append-only float64 list that grows by doubling: per-block measurements of a whole track. */
export class Float64List {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(1, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  at(i: number): number {
    return this.data[i]!;
  }

  /** A view of the values pushed so far (valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
