// @vitest-environment node
// A wrong value written to a `custom(v.literal(<bigint>))` column (what `pull` writes for a plain
// `v.literal(1234567890123456789n)`) is refused with the ORM's VALIDATION naming the column, and a
// generated migration's `columnProblem` returns the problem: the expected literal is described as
// `1234567890123456789n`, where JSON.stringify threw a bare TypeError ("Do not know how to
// serialize a BigInt").
import { expect, it } from 'vitest';
import { columnProblem } from '../../src/migrations/index';
import { validateRow } from '../../src/mutation/validate';
import { getTableConfig } from '../../src/schema/table';
import { NO_IDS, pulledTable } from './pulledTable';

const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  docs: defineTable({ huge: v.literal(1234567890123456789n) }),
});
`;

it.each([
  ['another bigint', 5n],
  ['a number', 5],
])('a pulled bigint literal column refuses %s with VALIDATION naming the column', async (_, value) => {
  const docs = await pulledTable(PLAIN, 'docs');
  expect(() => validateRow(NO_IDS, getTableConfig(docs), { huge: 1234567890123456789n })).not.toThrow();
  let thrown: unknown;
  try {
    validateRow(NO_IDS, getTableConfig(docs), { huge: value });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({ code: 'VALIDATION' });
  expect((thrown as Error).message).toContain('docs.huge');
});

it("columnProblem (a generated migration's check of a changed column) returns the problem for a value a bigint literal column refuses", () => {
  const column = {
    kind: 'custom',
    validator: { type: 'literal', value: { $integer: 'AQAAAAAAAAA=' } },
    notNull: true,
  } as const;
  expect(columnProblem(NO_IDS, column as never, 1n)).toBeNull();
  expect(columnProblem(NO_IDS, column as never, 'x')).toEqual(expect.any(String));
});
