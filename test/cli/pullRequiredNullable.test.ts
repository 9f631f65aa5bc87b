import { describe } from 'vitest';
import { itAcceptsStored, pulledTable } from './pulledTable';

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

// `pull` turns a required field whose type admits null into a nullable column of the rest (a
// notNull column would refuse the stored null on write, type it away, and its generated validators
// leave it out), so the pulled table takes every document the plain schema does.
describe('pull: a required field that admits null', () => {
  itAcceptsStored(pulledDocs, STORED);
});
