// A Date given to a number-mode `timestamp()` (Drizzle's default `timestamp()` takes one) is refused
// with what to pass instead: `date.getTime()`, or a string-mode column for ISO strings. Other
// wrong values get the plain expectation.
import { describe, expect, it } from 'vitest';
import { timestamp } from '../../src/index';
import { valueProblem } from '../../src/schema/valueProblem';

const numberMode = timestamp().definition;
const noIds = () => false;

describe('a number-mode timestamp given a Date', () => {
  it('says to pass date.getTime() or to use string mode', () => {
    const problem = valueProblem(noIds, numberMode, new Date(0));
    expect(problem).toContain('got a Date: pass date.getTime()');
    expect(problem).toContain("timestamp({ mode: 'string' })");
  });

  it('other values get no such hint', () => {
    expect(valueProblem(noIds, numberMode, 'soon')).not.toContain('getTime');
    expect(valueProblem(noIds, numberMode, 1_700_000_000_000)).toBeNull();
  });
});
