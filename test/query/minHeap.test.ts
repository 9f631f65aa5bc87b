import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/query/minHeap';
import { seededRandom } from '../seededRandom';

/** Everything in the heap, smallest first, popping as it goes. */
function drain(heap: MinHeap<{ value: number }>): number[] {
  const out: number[] = [];
  for (let top = heap.peek(); top; top = heap.peek()) {
    out.push(top.value);
    heap.pop();
  }
  return out;
}

describe('MinHeap', () => {
  it('gives items smallest first, whatever order they were pushed in', () => {
    const next = seededRandom(11);
    const values = Array.from({ length: 200 }, () => Math.floor(next() * 50));
    const heap = new MinHeap<{ value: number }>((a, b) => a.value - b.value);
    for (const value of values) heap.push({ value });
    expect(heap.size).toBe(200);
    expect(drain(heap)).toEqual([...values].sort((a, b) => a - b));
    expect(heap.size).toBe(0);
  });

  it('siftDown puts a top item that grew back in its place (how a merge moves a range on)', () => {
    const heap = new MinHeap<{ value: number }>((a, b) => a.value - b.value);
    for (const value of [1, 4, 6, 9]) heap.push({ value });
    heap.peek()!.value = 7;
    heap.siftDown();
    expect(drain(heap)).toEqual([4, 6, 7, 9]);
  });
});
