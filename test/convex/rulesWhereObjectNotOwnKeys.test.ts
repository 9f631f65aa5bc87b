/**
 * A where-object rule whose conditions are not the own enumerable keys of plain objects is refused
 * (`INVALID_FILTER`, naming the rule), at any depth: the parser reads own keys, so a rule made on a
 * shared base (`Object.create(base)`), a Proxy answering `get` (for a column, or a system column
 * such as `_creationTime`) or `getOwnPropertyDescriptor` for a key it does not list, a non-enumerable
 * own key, an operator object made the same ways or a Map of conditions was read as `{}` and allowed
 * every row (Mal read Vic's account); a first version of the check asked for own keys only. A
 * rule spread from a base (`{ ...base }`) holds its conditions as own keys and applies.
 * (The rules object's table entries, read through a Proxy or prototype, apply:
 * test/convex/rulesObjectNotOwnKeys.test.ts.)
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../src/index';

const accounts = convexTable('accounts', { owner: text().notNull(), email: text().notNull() });
const schema = defineSchema({ accounts });
const relations = defineRelations({ accounts });

/** What Mal's findMany returns (or the error code) when the accounts read rule is `rule` (one Vic row stored). */
async function malSees(rule: unknown): Promise<unknown> {
  const orm = createOrm({ relations, rules: defineRules(relations, () => ({ accounts: { read: rule } }) as never) });
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('accounts', { owner: 'vic', email: 'vic@x.dev' });
  });
  return t.run(async (ctx) =>
    orm
      .db(ctx as never)
      .query.accounts.findMany({ columns: { owner: true } })
      .then(
        (rows) => rows,
        (error: any) => error.code,
      ),
  );
}

const refused = (seen: unknown) => seen === 'INVALID_FILTER';

describe('a read rule whose conditions are not own enumerable keys never allows every row', () => {
  it('conditions inherited from a shared base rule (Object.create)', async () => {
    const base = { owner: 'mal' };
    const seen = await malSees(Object.create(base));
    expect(refused(seen), JSON.stringify(seen)).toBe(true);
  });

  it('a field operator object inherited from a base (owner: Object.create({ eq: "mal" }))', async () => {
    const seen = await malSees({ owner: Object.create({ eq: 'mal' }) });
    expect(refused(seen), JSON.stringify(seen)).toBe(true);
  });

  it('a Proxy rule answering get for its conditions', async () => {
    const rule = new Proxy({}, { get: (_target, key) => (key === 'owner' ? 'mal' : undefined) });
    const seen = await malSees(rule);
    expect(refused(seen), JSON.stringify(seen)).toBe(true);
  });

  it('a Map of conditions', async () => {
    const seen = await malSees(new Map([['owner', 'mal']]));
    expect(refused(seen), JSON.stringify(seen)).toBe(true);
  });

  it('inherited conditions inside an OR item', async () => {
    const seen = await malSees({ OR: [Object.create({ owner: 'mal' }), { email: 'nobody' }] });
    expect(refused(seen), JSON.stringify(seen)).toBe(true);
  });

  it('a rule spread from a shared base applies', async () => {
    const base = { owner: 'mal' };
    expect(await malSees({ ...base })).toEqual([]);
    expect(await malSees({ ...base, OR: [{ email: 'vic@x.dev' }, { email: 'x' }] })).toEqual([]);
  });

  it('a non-enumerable own condition, and a non-enumerable operator in a field filter', async () => {
    expect(await malSees(Object.create(Object.prototype, { owner: { value: 'mal' } }))).toBe('INVALID_FILTER');
    expect(await malSees({ owner: Object.defineProperty({}, 'eq', { value: 'mal' }) })).toBe('INVALID_FILTER');
  });

  it('a Proxy answering getOwnPropertyDescriptor for a key its ownKeys does not list', async () => {
    const rule = new Proxy(
      {},
      {
        get: (_t, key) => (key === 'owner' ? 'mal' : undefined),
        getOwnPropertyDescriptor: (_t, key) =>
          key === 'owner' ? { value: 'mal', enumerable: true, configurable: true, writable: true } : undefined,
        ownKeys: () => [],
      },
    );
    expect(await malSees(rule)).toBe('INVALID_FILTER');
  });

  it('a Proxy answering a system column (_creationTime) through get', async () => {
    const rule = new Proxy({}, { get: (_t, key) => (key === '_creationTime' ? { gt: 8.64e15 } : undefined) });
    expect(await malSees(rule)).toBe('INVALID_FILTER');
  });

  it('a Date where a where-object stands (a NOT item)', async () => {
    expect(await malSees({ NOT: new Date(0) })).toBe('INVALID_FILTER');
  });
});
