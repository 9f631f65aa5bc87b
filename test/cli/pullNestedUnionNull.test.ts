import { describe, expect, it } from 'vitest';
import { getTableConfig } from '../../src/schema/table';
import { itAcceptsStored, pulledTable } from './pulledTable';

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

describe('pull: a required field whose nested union holds null', () => {
  it('is a nullable column (its element a nullable one), not .notNull()', async () => {
    const config = getTableConfig(await pulledDocs());
    expect(config.columns.nick!.definition.notNull).toBe(false);
    expect(config.columns.tags!.definition.element?.notNull).toBe(false);
  });

  itAcceptsStored(pulledDocs, STORED);
});
