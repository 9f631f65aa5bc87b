// A column given both a `$defaultFn()` and a `.default()` / `.defaultNow()` inserts what the function
// gives, whatever the order of the modifiers, as in Drizzle: it keeps them apart
// (node_modules/drizzle-orm/column-builder.js: `.default()` sets config.default, `$defaultFn()`
// config.defaultFn; `.defaultNow()` is `.default(sql\`now()\`)`), and its insert builder
// (pg-core/dialect.js buildInsertQuery) calls `col.defaultFn()` first. Keeping only the modifier
// written last inserted 'const' for `text().$defaultFn(() => 'fn').default('const')`.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text, timestamp } from '../../src/index';

const things = convexTable('rv_precedence', {
  name: text().notNull(),
  // $defaultFn first, then .default(): Drizzle inserts 'fn'.
  label: text()
    .$defaultFn(() => 'fn')
    .default('const'),
  // $defaultFn first, then .defaultNow(): Drizzle inserts 5.
  at: timestamp()
    .$defaultFn(() => 5)
    .defaultNow(),
  // .default() first, then $defaultFn (already agrees with Drizzle: 'fn').
  other: text()
    .default('const')
    .$defaultFn(() => 'fn'),
});
const relations = defineRelations({ things }, () => ({}));
const orm = createOrm({ relations });

it('$defaultFn takes precedence over .default() / .defaultNow() on insert, in any modifier order (Drizzle)', async () => {
  const t = convexTest(defineSchema({ things }), modules);
  const [row] = await t.run((ctx) =>
    orm
      .db(ctx as any)
      .insert(things)
      .values({ name: 'a' })
      .returning({ label: things.label, at: things.at, other: things.other }),
  );
  expect(row).toEqual({ label: 'fn', at: 5, other: 'fn' });
});
