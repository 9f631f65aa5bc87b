// @vitest-environment node
// A column pulled from a plain Convex field `v.literal(-0)` / `v.literal(NaN)` (written as
// `custom(v.literal(...))`) accepts exactly what the plain field accepts: the ORM's write check
// compares a literal as Convex does (its values order -0 before 0 and compare them as different
// values; NaN equals NaN), where `===` let 0 through (Convex then refused it at commit, not the ORM
// naming the column) and refused NaN, the one value such a field holds. Whether Convex deploys a
// `v.literal(NaN)` schema at all is not checked here (its JSON form of a float literal has no NaN).
import { describe, expect, it } from 'vitest';
import { exportedSchema, loadSchemaModule } from '../../src/cli/loadSchema';
import { matchesValidator } from '../../src/migrations/matchValidator';
import { validateRow } from '../../src/mutation/validate';
import { getTableConfig } from '../../src/schema/table';
import { NO_IDS, pulledTable } from './pulledTable';
import { schemaProject } from './schemaProject';

const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  nans: defineTable({ nan: v.literal(NaN) }),
  zeros: defineTable({ negZero: v.literal(-0) }),
});
`;

/** Whether the plain Convex schema's validator takes the document (Convex's value comparison). */
async function plainAccepts(table: string, doc: Record<string, unknown>): Promise<boolean> {
  const dir = schemaProject(PLAIN);
  const { tables } = exportedSchema(await loadSchemaModule(dir, `${dir}/convex/schema.ts`), 'schema.ts');
  return matchesValidator(tables.find((t) => t.tableName === table)!.documentType, doc, () => true);
}

async function pulledAccepts(table: string, doc: Record<string, unknown>): Promise<boolean> {
  const docs = await pulledTable(PLAIN, table);
  try {
    validateRow(NO_IDS, getTableConfig(docs), { ...doc });
    return true;
  } catch {
    return false;
  }
}

describe('a pulled float literal column accepts what the plain field accepts', () => {
  it('v.literal(NaN): the stored NaN passes both', async () => {
    expect(await plainAccepts('nans', { nan: NaN })).toBe(true);
    expect(await pulledAccepts('nans', { nan: NaN })).toBe(true);
  });

  it('v.literal(-0): -0 passes both, 0 is refused by both', async () => {
    expect(await plainAccepts('zeros', { negZero: -0 })).toBe(true);
    expect(await pulledAccepts('zeros', { negZero: -0 })).toBe(true);
    expect(await plainAccepts('zeros', { negZero: 0 })).toBe(false);
    expect(await pulledAccepts('zeros', { negZero: 0 })).toBe(false);
  });
});
