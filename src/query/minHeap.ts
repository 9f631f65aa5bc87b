/**
 * A binary min-heap by `compare`: the smallest item on top. A merge of k
 * ranges finds its next row in O(log k) comparisons, not k (an `in` list may
 * be thousands of ranges).
 */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  /** The smallest item, if any. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const { items } = this;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i]!, items[parent]!) >= 0) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the smallest item. */
  pop(): void {
    const last = this.items.pop();
    if (this.items.length === 0 || last === undefined) return;
    this.items[0] = last;
    this.siftDown();
  }

  /** Restores the order after the top item grew (a range moved on to its next row). */
  siftDown(): void {
    const { items } = this;
    let i = 0;
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let min = i;
      if (left < items.length && this.compare(items[left]!, items[min]!) < 0) min = left;
      if (right < items.length && this.compare(items[right]!, items[min]!) < 0) min = right;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }

  private swap(i: number, j: number): void {
    const { items } = this;
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
