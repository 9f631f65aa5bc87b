import { describe, expect, it } from 'vitest';
import { convexTable, getTableConfig, isOrmError, json } from '../../src/index';
import { validateRow } from '../../src/mutation/validate';
import { insertDocument } from '../../src/mutation/values';

const db = { normalizeId: () => null } as never;

// insertDocument copies every object and array value "all the way down", stopping only past Convex's 16
// nesting levels (ownValue, src/mutation/ownValues.ts), so "a value that contains itself is not walked
// forever". But the walk is a tree walk over a graph: a value that refers to itself through k fields is
// copied k^15 times before the depth stop. Validation (valueLimitProblem) reports the first path past 16
// levels after 15 steps, so before the copy such a value was a prompt VALIDATION error; now it is an
// exponential walk (8 fields: 8^15 = 3.5e13 object copies, the mutation never ends and runs out of memory).
// The getters count the reads of the value's fields and give up past a million, so the test ends.
describe('ownValue on a value that refers to itself through several fields', () => {
  it('is refused as VALIDATION after a bounded walk, as before the copy', () => {
    const notes = getTableConfig(convexTable('notes', { data: json<unknown>().notNull() }));
    let reads = 0;
    const node: Record<string, unknown> = {};
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      Object.defineProperty(node, key, {
        enumerable: true,
        get() {
          if (++reads > 1_000_000) throw new Error(`walked ${reads} fields of a 1-object value`);
          return node;
        },
      });
    }
    let outcome: string;
    try {
      validateRow(db, notes, insertDocument(notes, { data: node }));
      outcome = 'accepted';
    } catch (error) {
      outcome = isOrmError(error) ? error.code : (error as Error).message;
    }
    expect({ outcome, walkedFewFields: reads < 1000 }).toEqual({ outcome: 'VALIDATION', walkedFewFields: true });
  });
});
