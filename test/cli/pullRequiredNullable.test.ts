import { describe, expect, it } from 'vitest';
import { matchesValidator } from '../../src/migrations/matchValidator';
import { validatorJson } from '../../src/migrations/validatorJson';
import { validateRow } from '../../src/mutation/validate';
import { getTableConfig } from '../../src/schema/table';
import { insertValidator, selectValidator } from '../../src/validators';
import { NO_IDS, pulledTable } from './pulledTable';

// A plain Convex schema whose fields are required but hold null (a common Convex shape:
// `v.union(v.string(), v.null())`), and one of only `v.null()`.
const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  docs: defineTable({
    maybeText: v.union(v.string(), v.null()),
    nothing: v.null(),
    nested: v.object({ a: v.union(v.string(), v.null()) }),
  }),
});
`;

/** A document the plain schema accepts, as the app stored (and keeps writing) it. */
const STORED = { maybeText: null, nothing: null, nested: { a: null } };

const pulledDocs = () => pulledTable(PLAIN, 'docs');

const anyId = () => true;

// `pull` turns a required field whose type admits null into a nullable column of the rest (a
// notNull column would refuse the stored null on write, type it away, and its generated validators
// leave it out), so the pulled table takes every document the plain schema does.
describe('pull: a required field that admits null', () => {
  it("the pulled table's ORM write validation accepts a document the plain schema accepts", async () => {
    const docs = await pulledDocs();
    expect(() => validateRow(NO_IDS, getTableConfig(docs), { ...STORED })).not.toThrow();
  });

  it("the pulled table's insertValidator and selectValidator accept it", async () => {
    const docs = await pulledDocs();
    expect(matchesValidator(validatorJson(insertValidator(docs)), STORED, anyId)).toBe(true);
    const row = { _id: 'x', _creationTime: 1, ...STORED };
    expect(matchesValidator(validatorJson(selectValidator(docs)), row, anyId)).toBe(true);
  });
});
