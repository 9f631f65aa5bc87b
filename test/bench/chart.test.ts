import { describe, expect, it } from 'vitest';
import { renderChart } from '../../bench/chart';
import { median } from '../../bench/measure';

const bars = (svg: string) => [...svg.matchAll(/<rect x="230" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('renderChart', () => {
  it('scales bars within each group and prints each value', () => {
    const svg = renderChart({
      title: 'Reads',
      subtitle: 'sub',
      series: ['a', 'b'],
      groups: [
        { label: 'one', values: [10, 5] },
        { label: 'two', values: [1000, 2000] },
      ],
    });
    const [a1, b1, a2, b2] = bars(svg);
    expect(b1! / a1!).toBeCloseTo(0.5);
    expect(a2! / b2!).toBeCloseTo(0.5);
    expect(a1).toBeCloseTo(b2!);
    expect(svg).toContain('>2,000</text>');
  });

  it('marks a missing value n/a and escapes text', () => {
    const svg = renderChart({
      title: 'A & <B>',
      subtitle: '',
      series: ['x', 'y'],
      groups: [{ label: 'g', values: [3, null] }],
    });
    expect(bars(svg)).toHaveLength(1);
    expect(svg).toContain('>n/a</text>');
    expect(svg).toContain('A &amp; &lt;B&gt;');
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
