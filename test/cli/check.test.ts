// @vitest-environment node
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { CHECK_BATCH_LIMIT } from '../../src/cli/check';
import { runCli } from '../../src/cli/main';
import { checkBatch, MAX_CHECK_BATCH } from '../../src/migrations/check';
import { countReads } from '../../src/testing';
import { migrationBackend, seedTodos, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

/** The example's todos with `priority` made notNull, `done` removed and `title` narrowed to an enum. */
const TIGHTENED = `
import { boolean, convexTable, defineSchema, text, textEnum } from 'convex-orm';
export const todos = convexTable('todos', {
  title: textEnum(['todo 1', 'todo 2', 'todo 3', 'todo 4', 'todo 5', 'todo 6', 'todo 7', 'todo 8', 'todo 9']).notNull(),
  priority: textEnum(['low', 'medium', 'high']).notNull(),
});
export const groups = convexTable('groups', { name: text().notNull(), active: boolean() });
export default defineSchema({ todos, groups });
`;

describe('migrate check', () => {
  it('walks every table in batches and reports the documents the local schema would reject', async () => {
    const backend = migrationBackend(defineMigrationSet([]));
    await seedTodos(backend.t, 10);
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('groups', { name: 'g' });
    });
    const { io, output } = captureIo(schemaProject(TIGHTENED, { functionsModule: TEST_MODULE }), backend.transport);
    const code = await runCli(['migrate', 'check', '--batch-size', '3'], io);
    expect(output.stdout).toMatchInlineSnapshot(`
      "Checked 11 documents in 6 tables of the dev deployment against convex/schema.ts:
        ✓ migration_state: 0 documents, all valid
        ✓ migration_run: 0 documents, all valid
        ✓ aggregate_bucket: 0 documents, all valid
        ✓ aggregate_state: 0 documents, all valid
        ✗ todos: 10 of 10 documents would be rejected
            title (invalid): 1 document, e.g. 000000000000000000000010000todos = "todo 0"
            priority (missing): 5 documents, e.g. 000000000000000000000010000todos, 000000000000000000000010002todos, 000000000000000000000010004todos
            done (unexpected): 10 documents, e.g. 000000000000000000000010000todos = false, 000000000000000000000010001todos = false, 000000000000000000000010002todos = false
        ✓ groups: 1 document, all valid
      10 documents would fail schema validation: \`convex deploy\` of this schema would be rejected.
      Migrate them first: \`convex-orm migrate generate\` scaffolds the migration, \`convex-orm migrate up\` runs it.
      No document breaks a column type or a unique, check, NOT NULL or foreign-key constraint of the deployed schema.
      "
    `);
    expect(code).toBe(1);
  });

  it('with schemaValidation: false the rejected documents are a warning and exit 0: convex deploy validates no document', async () => {
    const backend = migrationBackend(defineMigrationSet([]));
    await seedTodos(backend.t, 4);
    const unvalidated = TIGHTENED.replace(
      'defineSchema({ todos, groups })',
      'defineSchema({ todos, groups }, { schemaValidation: false })',
    );
    const { io, output } = captureIo(schemaProject(unvalidated, { functionsModule: TEST_MODULE }), backend.transport);
    const code = await runCli(['migrate', 'check'], io);
    expect(output.stdout.split('\n').slice(-4)).toEqual([
      "Warning: 4 documents would fail the local schema's validators. It sets `schemaValidation: false`, so `convex deploy` checks no document and accepts it, but reads typed by this schema may get other values.",
      'Migrate them when you can: `convex-orm migrate generate` scaffolds the migration, `convex-orm migrate up` runs it.',
      'No document breaks a column type or a unique, check, NOT NULL or foreign-key constraint of the deployed schema.',
      '',
    ]);
    expect(output.stdout).toContain('✗ todos: 4 of 4 documents do not match');
    expect(code).toBe(0);
  });

  it("caps convex-orm.json's batchSize (also the runs' default) at check's maximum, 4096", async () => {
    const batchSizes: unknown[] = [];
    const transport = {
      call: async (_name: string, args: Record<string, unknown>) => {
        batchSizes.push(args.batchSize);
        return { scanned: 0, rejected: [], continueCursor: '', isDone: true };
      },
    };
    const config = { functionsModule: TEST_MODULE, deploy: { migrations: { batchSize: 5000 } } };
    const { io, output } = captureIo(schemaProject(TIGHTENED, config), transport);
    expect(await runCli(['migrate', 'check'], io)).toBe(0);
    expect(new Set(batchSizes)).toEqual(new Set([4096]));
    // Its batches carry no `violations`: a deployment whose check predates constraint verification.
    expect(output.stdout).toContain(
      "The deployment's `check` verifies no constraint: it predates that. Deploy, then check again to verify the column types and the unique, check, NOT NULL and foreign-key constraints.",
    );
    expect(CHECK_BATCH_LIMIT).toBe(MAX_CHECK_BATCH);
  });

  it('passes once the documents are migrated, and a batch reads at most batchSize documents', async () => {
    const backend = migrationBackend(defineMigrationSet([]));
    await seedTodos(backend.t, 7);
    const loose = TIGHTENED.replace(
      "priority: textEnum(['low', 'medium', 'high']).notNull()",
      'priority: text(), done: boolean()',
    ).replace(/title: textEnum\([^)]*\)/, 'title: text()');
    const { io, output } = captureIo(schemaProject(loose, { functionsModule: TEST_MODULE }), backend.transport);
    expect(await runCli(['migrate', 'check'], io)).toBe(0);
    expect(output.stdout).toContain('✓ todos: 7 documents, all valid');
    expect(output.stdout).toContain("Every document passes the local schema's validators.");
    const batch = (cursor: string | null) =>
      backend.t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const result = await checkBatch(ctx, { table: 'todos', documentType, cursor, batchSize: 4 });
        return { result, reads };
      });
    const documentType = JSON.stringify({
      type: 'object',
      value: { title: { fieldType: { type: 'number' }, optional: false } },
    });
    const first = await batch(null);
    expect(first.reads).toEqual({ documents: 4, ranges: 1 });
    expect(first.result.rejected.filter((r) => r.field === 'title')).toHaveLength(4);
    expect(first.result.rejected.filter((r) => r.field === 'done' && r.problem === 'unexpected')).toHaveLength(4);
    const second = await batch(first.result.continueCursor);
    expect(second.reads).toEqual({ documents: 3, ranges: 1 });
    expect([second.result.scanned, second.result.isDone]).toEqual([3, true]);
  });

  it('rejects a batch size out of range, a documentType that is no validator and a cursor check did not return with a typed error', async () => {
    const backend = migrationBackend(defineMigrationSet([]));
    await backend.t.run(async (ctx) => {
      const args = { table: 'todos', documentType: '{"type":"any"}', cursor: null };
      await expect(checkBatch(ctx, { ...args, batchSize: 0 })).rejects.toThrow(
        /batchSize must be an integer from 1 to 4096, got 0/,
      );
      await expect(checkBatch(ctx, { ...args, batchSize: 1, documentType: 'nope' })).rejects.toThrow(
        /documentType of table "todos" is not a validator's JSON/,
      );
      await expect(checkBatch(ctx, { ...args, batchSize: 1, cursor: '["x",null]' })).rejects.toThrow(
        'check: cursor of table "todos" is not one check returned; start again with cursor: null.',
      );
    });
  });

  it('says how to export check when the deployment lacks it', async () => {
    const transport = {
      call: async () => {
        throw new Error('Could not find public function for testMigrations:check');
      },
    };
    const { io, output } = captureIo(schemaProject(TIGHTENED, { functionsModule: TEST_MODULE }), transport);
    expect(await runCli(['migrate', 'check'], io)).toBe(1);
    expect(output.stderr).toBe(
      'Could not find public function for testMigrations:check\nIf the deployment has no `testMigrations:check`, export it: `export const { run, runChunk, status, cancel, check, backfillAggregates, repairAggregates } = defineMigrationFunctions(...)`, then deploy. If a batch read too much, pass a smaller --batch-size.\n',
    );
  });
});
