// `foreignKey(...).onDelete(undefined)` / `.onUpdate(undefined)` (an optional setting passed
// through, which JS or a project without strictNullChecks compiles) is the default action, as in
// Drizzle v1 (`action === undefined ? 'no action' : action`) and as this package's
// `.references(() => x, { onDelete: undefined })` takes it; only a string that is no action
// (`'Cascade'`) is refused.
import * as orm from 'convex-orm';
import { describe, expect, it } from 'vitest';

const O = orm as any;

describe('foreignKey().onDelete(undefined) is the default action, as in Drizzle', () => {
  it.each(['onDelete', 'onUpdate'] as const)('%s(undefined)', (clause) => {
    const define = () => {
      const t = O.convexTable('t', { parent: O.id('t') }, (c: any) => [
        O.foreignKey({ columns: [c.parent], foreignColumns: [c._id] })[clause](undefined),
      ]);
      return O.getTableConfig(t).foreignKeys;
    };
    expect(define).not.toThrow();
    expect(define()[0][clause]).toBe('no action');
  });

  it('control: references(..., { onDelete: undefined }) is accepted as no action', () => {
    const t: any = O.convexTable('t', { parent: O.id('t').references((): any => t._id, { onDelete: undefined }) });
    expect(O.getTableConfig(t).foreignKeys[0].onDelete).toBe('no action');
  });
});
