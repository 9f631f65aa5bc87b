// A read by id held back by the scan budget asks again when a read in flight settles. When it finds
// its id cached meanwhile (another reader of the id was let in first), it reads nothing, and hands the
// turn it was woken for to the next read held back: otherwise that read waited forever.
import { describe, expect, it } from 'vitest';
import type { GetPlan } from '../../src/planner/types';
import { ReadBudget } from '../../src/query/budget';
import type { ExecutionContext } from '../../src/query/context';
import type { Doc } from '../../src/query/readIndex';
import { selectStoredId } from '../../src/query/selectRows';

const plan: GetPlan = { kind: 'get', table: 'users', ids: ['?'], residual: null, orderBy: [] } as unknown as GetPlan;

/** A context whose db.get resolves (to the doc in `docs`, or null) after a timer. */
function contextOf(limit: number, docs: Record<string, Doc>): ExecutionContext {
  return {
    db: {
      get: (_table: string, id: string) => new Promise((resolve) => setTimeout(() => resolve(docs[id] ?? null), 1)),
      normalizeId: (_table: string, id: string) => id,
    },
    budget: new ReadBudget(limit),
    strict: false,
    documents: new Map(),
    aggregateStates: new Map(),
    resolveRelation: () => Promise.resolve(false),
    readRelated: () => Promise.resolve([]),
  } as unknown as ExecutionContext;
}

/** Resolves to 'hung' when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms = 200): Promise<T | 'hung'> {
  return Promise.race([promise, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms))]);
}

describe('getDocument: a read held back that finds its id cached passes the wake on', () => {
  it('three readers of one id held back behind a missing id all resolve (budget 1, one document read)', async () => {
    const context = contextOf(1, { y: { _id: 'y', name: 'Y' } as unknown as Doc });
    // A dangling reference: its read holds the budget's one document until it finds nothing.
    const missing = selectStoredId(context, plan, 'gone', {});
    // Held back (the read in flight holds all that is left), none of them cached yet.
    const first = selectStoredId(context, plan, 'y', {});
    const second = selectStoredId(context, plan, 'y', {});
    const third = selectStoredId(context, plan, 'y', {});
    const all = Promise.all([missing, first, second, third]).then((rows) => rows.map((r) => r.length));
    // One document read in all: within the budget of 1.
    expect(await within(all)).toEqual([0, 1, 1, 1]);
  });
});
