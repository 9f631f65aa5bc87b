// A Date given to a timestamp (Drizzle's default `timestamp()` takes one) is refused, written or compared,
// with what to pass instead: `date.getTime()` (or a string-mode column), a string-mode column's `date.toISOString()`. Other
// wrong values get the plain expectation.
import { describe, expect, it } from 'vitest';
import { filterOperand } from '../../src/filter/operand';
import { convexTable, timestamp } from '../../src/index';
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

describe('a Date in a filter on a timestamp', () => {
  const events = convexTable('events', { at: timestamp(), iso: timestamp({ mode: 'string' }) });

  it('says what the column takes: milliseconds, or the ISO string of a string-mode column', () => {
    const message = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message(() => filterOperand(events.at, 'eq', new Date(0)))).toContain('pass date.getTime()');
    expect(message(() => filterOperand(events.iso, 'gt', new Date(0)))).toContain('pass date.toISOString()');
  });
});
