/**
 * What a synchronous call did: `'accepted'` when it returned, else the name, code and details of
 * what it threw (an `OrmError`'s, or a `TypeError`'s name alone), for tests of options checked
 * when the ORM or a db is made.
 */
export function syncOutcome(run: () => unknown): unknown {
  try {
    run();
    return 'accepted';
  } catch (error) {
    const { name, code, details } = error as { name?: string; code?: string; details?: unknown };
    return { name, code, details };
  }
}
