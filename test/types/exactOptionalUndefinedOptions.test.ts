// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { createOrm, defineRelations, defineRules, defineSchema } from '../../src/index';
import { people } from './exactOptional/undefinedOptions';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TS_5_9 = join(root, 'node_modules/typescript-5/bin/tsc');

// docs/tooling.md: the types check under exactOptionalPropertyTypes. ed5a1b3 typed createOrm's, orm.db's,
// createMutationApi's and transactionBudget's options `?: T | undefined`, since the ORM takes an undefined
// option as not given; the statement and query options, the insert model's optional columns and
// defineRules' options have the same runtime behaviour but are still typed `?: T` (TS2379 / TS2345).
describe('undefined as "not given" type-checks under exactOptionalPropertyTypes', () => {
  it('is taken as not given at runtime', async () => {
    const relations = defineRelations({ people });
    const orm = createOrm({ relations });
    expect(defineRules(relations, () => ({}), { defaultDeny: undefined as never }).defaultDeny).toBe(false);
    const t = convexTest(defineSchema({ people }), { '/_generated/api.js': async () => ({}) });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(people).values({ name: 'a', age: undefined as never });
      return {
        many: (await db.query.people.findMany({ offset: undefined as never, limit: undefined as never })).length,
        first: (await db.query.people.findFirst({ offset: undefined as never }))?.name,
        budgeted: (await db.query.people.findMany({ scanBudget: undefined as never, withDeleted: undefined as never }))
          .length,
        counted: await db.query.people.count({ scanBudget: undefined as never, withDeleted: undefined as never }),
      };
    });
    expect(out).toEqual({ many: 1, first: 'a', budgeted: 1, counted: 1 });
  });

  it('type-checks findMany/findFirst offset and limit, insert values and defineRules options given as T | undefined', () => {
    const result = spawnSync(
      'node',
      [
        TS_5_9,
        '--noEmit',
        '--strict',
        '--exactOptionalPropertyTypes',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        '--types',
        'node',
        join(root, 'test/types/exactOptional/undefinedOptions.ts'),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    // Observed: TS2379 on offset/limit (findMany, findFirst), TS2345 on the
    // insert's age: number | undefined, TS2379 on defineRules' defaultDeny.
    const errors = `${result.stdout}${result.stderr}`
      .split('\n')
      .filter((line) => line.includes('error TS'))
      .map((line) => line.replace(/^.*undefinedOptions\.ts/, 'undefinedOptions.ts'));
    expect(errors).toEqual([]);
  }, 120_000);
});
