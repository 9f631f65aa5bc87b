import { describe, expect, it } from 'vitest';
import { validateRow } from '../../src/mutation/validate';
import { getTableConfig } from '../../src/schema/table';
import { NO_IDS, pulledTable } from './pulledTable';

const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  docs: defineTable({ data: v.any(), list: v.array(v.any()) }),
});
`;

const pulledDocs = () => pulledTable(PLAIN, 'docs');

describe('pull: a required v.any() field', () => {
  it("the pulled table's ORM write validation accepts { data: null, list: [null] }, which the plain schema accepts", async () => {
    const docs = await pulledDocs();
    expect(() => validateRow(NO_IDS, getTableConfig(docs), { data: null, list: [null] })).not.toThrow();
  });
});
