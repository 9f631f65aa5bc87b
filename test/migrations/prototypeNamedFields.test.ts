// @vitest-environment node

import { v } from 'convex/values';
import type { MigrateOneCtx } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../src/migrations/matchValidator';
import { effectivePatch, sampleDiff } from '../../src/migrations/patch';
import { validatorJson } from '../../src/migrations/validatorJson';
import { generatedMigration } from '../cli/schemaProject';

// Column and nested field names such as `constructor`, `toString` and `valueOf` are valid Convex
// identifiers and convex-orm column names (validateColumnName accepts them). A stored document is a
// plain object, so reading `doc[name]` for one of them finds Object.prototype's function when the
// document does not hold the field. Pins: migrate check (matchValidator), the code migrate
// generate writes (`before.valueOf`), effectivePatch and dry-run samples read them that way.
const isId = () => true;

describe('fields named like Object.prototype members', () => {
  it('migrate check: a document without an optional `constructor` field passes, as Convex decides', () => {
    const documentType = validatorJson(
      v.object({ title: v.string(), constructor: v.optional(v.union(v.null(), v.string())) }),
    );
    // Convex accepts this document; check reported `constructor (invalid)`.
    expect(documentProblems(documentType, { _id: 'a', _creationTime: 1, title: 't' }, isId)).toEqual([]);
  });

  it('migrate check: a document without a required `toString` field is `missing`, not `invalid`', () => {
    const documentType = validatorJson(v.object({ toString: v.string() }));
    expect(documentProblems(documentType, { _id: 'a', _creationTime: 1 }, isId)).toEqual([
      { field: 'toString', problem: 'missing' },
    ]);
  });

  it('migrate check: a nested objectOf field named valueOf, absent, passes', () => {
    const documentType = validatorJson(
      v.object({ meta: v.object({ valueOf: v.optional(v.union(v.null(), v.float64())) }) }),
    );
    expect(documentProblems(documentType, { _id: 'a', _creationTime: 1, meta: {} }, isId)).toEqual([]);
  });

  it('migrate generate: `valueOf` becoming notNull with a default fills documents that lack it', async () => {
    const schema = (column: string) => `import { convexTable, defineSchema, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull(), valueOf: ${column} });
export default defineSchema({ todos });`;
    const migration = await generatedMigration(schema('text()'), schema("text().notNull().default('x')"));
    const patch = await Promise.resolve().then(() =>
      migration.up.migrateOne({} as MigrateOneCtx, { _id: 'todo1', _creationTime: 1, title: 't' } as never),
    );
    // Generated: `if (before.valueOf == null) patch.valueOf = 'x';` — before.valueOf is
    // Object.prototype.valueOf, so the document is skipped and `convex deploy` then rejects it.
    expect(patch).toEqual({ valueOf: 'x' });
  });

  it("migrate up, 'normal' mode: removing an absent `valueOf` field changes nothing", () => {
    // docs/migrations.md: in 'normal' mode "a field already null or absent counts as unchanged".
    expect(effectivePatch({ _id: 'a', _creationTime: 1 }, { valueOf: undefined }, 'normal')).toBeNull();
  });

  it('migrate up --dry-run: the sample diff of a backfilled `valueOf` field has no "before" value', () => {
    // patch.ts sampleDiff reads doc.valueOf (Object.prototype.valueOf) as the old value and previews it:
    // convexToJson throws 'Function "[Function]" is not a supported Convex type.', failing the dry run.
    expect(() => sampleDiff({ _id: 'a', _creationTime: 1 }, { valueOf: 'x' })).not.toThrow();
    expect(sampleDiff({ _id: 'a', _creationTime: 1 }, { valueOf: 'x' })).toEqual({
      _id: 'a',
      before: {},
      after: { valueOf: 'x' },
    });
  });
});
