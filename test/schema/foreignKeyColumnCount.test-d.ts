// `foreignKey({ columns, foreignColumns })` takes one foreign column per column, as Drizzle v1 types it
// (`foreignColumns` mapped over the `columns` tuple): another count is a type error, not only
// `INVALID_SCHEMA` at run time.
import { describe, it } from 'vitest';
import { convexTable, foreignKey, text } from '../../src/index';

const q = convexTable('q', { a: text().notNull(), b: text().notNull() });

describe('foreignKey foreign columns match its columns, as in Drizzle', () => {
  it('one foreign column per column', () => {
    convexTable('r1', { x: text() }, (t) => [
      // @ts-expect-error two foreign columns for one column
      foreignKey({ columns: [t.x], foreignColumns: [q.a, q.b] }),
    ]);
    convexTable('r2', { x: text(), y: text() }, (t) => [
      // @ts-expect-error one foreign column for two columns
      foreignKey({ columns: [t.x, t.y], foreignColumns: [q.a] }),
    ]);
  });
  it('the right shape type-checks', () => {
    convexTable('r4', { x: text(), y: text() }, (t) => [
      foreignKey({ columns: [t.x, t.y], foreignColumns: [q.a, q.b] }),
    ]);
  });
});
