import { describe, expect, it } from 'vitest';
import { matchesValidator } from '../../src/migrations/matchValidator';
import { validatorJson } from '../../src/migrations/validatorJson';
import { validateRow } from '../../src/mutation/validate';
import { getTableConfig } from '../../src/schema/table';
import { insertValidator, selectValidator } from '../../src/validators';
import { NO_IDS, pulledTable } from './pulledTable';

const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
const maybeNumber = v.union(v.number(), v.null());
export default defineSchema({
  docs: defineTable({
    nick: v.union(v.string(), maybeNumber),
    tags: v.array(v.union(v.string(), maybeNumber)),
  }),
});
`;

/** A document the plain schema accepts. */
const STORED = { nick: null, tags: ['a', null, 1] };

const pulledDocs = () => pulledTable(PLAIN, 'docs');

const anyId = () => true;

describe('pull: a required field whose nested union holds null', () => {
  it('is a nullable column (its element a nullable one), not .notNull()', async () => {
    const config = getTableConfig(await pulledDocs());
    expect(config.columns.nick!.definition.notNull).toBe(false);
    expect(config.columns.tags!.definition.element?.notNull).toBe(false);
  });

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
