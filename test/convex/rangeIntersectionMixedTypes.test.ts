/**
 * Mixed value types on one field (a custom() union of strings, float64s, int64s, booleans and bytes:
 * Convex's total order, where SQL would refuse the comparison): several range conditions on it,
 * intersected and read through an index, give the rows the same filter gives read through no index
 * (the whole table, every condition tested in memory), in findMany, count and every page.
 */

import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, custom, defineRelations, defineSchema, index, integer } from '../../src/index';
import { seededRandom } from '../seededRandom.js';

const validator = v.union(v.string(), v.number(), v.int64(), v.boolean(), v.bytes());
const indexed = convexTable('indexed', { pos: integer().notNull(), v: custom(validator) }, (t) => [
  index('by_v').on(t.v),
]);
const plain = convexTable('plain', { pos: integer().notNull(), v: custom(validator) });
const schema = defineSchema({ indexed, plain });
const orm = createOrm({ relations: defineRelations({ indexed, plain }), scanBudget: 100_000 });

const bytesOf = (...b: number[]) => new Uint8Array(b).buffer;
const VALUES: unknown[] = [
  'absent',
  null,
  Number.NEGATIVE_INFINITY,
  -1,
  -0,
  0,
  0.5,
  5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -5n,
  0n,
  5n,
  false,
  true,
  '',
  'a',
  'a_b',
  'ab',
  'b',
  bytesOf(),
  bytesOf(1),
  bytesOf(1, 2),
];
const OPERANDS = VALUES.filter((value) => value !== 'absent' && value !== null);
const PATTERNS = ['a%', 'ab%', 'a_%', 'b%', '%'];

let t: ReturnType<typeof convexTest>;
beforeAll(async () => {
  t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    let pos = 0;
    for (const value of VALUES) {
      for (let copy = 0; copy < 2; copy++) {
        const doc = value === 'absent' ? { pos } : { pos, v: value };
        await ctx.db.insert('indexed', doc as never);
        await ctx.db.insert('plain', doc as never);
        pos++;
      }
    }
  });
});

function condition(r: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const x = r();
  if (x < 0.55) return { [pick(['gt', 'gte', 'lt', 'lte'])]: pick(OPERANDS) };
  if (x < 0.65) return { ne: pick(OPERANDS) };
  if (x < 0.75) return { notIn: [pick(OPERANDS), pick(OPERANDS)] };
  if (x < 0.8) return { in: [pick(OPERANDS), pick(OPERANDS), pick(OPERANDS)] };
  if (x < 0.9) return r() < 0.5 ? { isNull: true } : { isNotNull: true };
  return { like: pick(PATTERNS) };
}

const show = (value: unknown) =>
  JSON.stringify(value, (_, x) =>
    typeof x === 'bigint'
      ? `${x}n`
      : x instanceof ArrayBuffer
        ? `<${[...new Uint8Array(x)]}>`
        : Object.is(x, -0)
          ? '-0'
          : typeof x === 'number' && !Number.isFinite(x)
            ? String(x)
            : x,
  );

describe('mixed types on one indexed field: the index read equals the in-memory filter', () => {
  it('400 filters of 2 to 4 conditions on the field', async () => {
    const failures: string[] = [];
    for (let seed = 0; seed < 400; seed++) {
      const r = seededRandom(5000 + seed);
      const parts = Array.from({ length: 2 + Math.floor(r() * 3) }, () => ({ v: condition(r) }));
      const where = { AND: parts };
      const got = await t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        const settle = async (run: () => Promise<unknown>) => {
          try {
            return await run();
          } catch (error) {
            return `error ${(error as { code?: string }).code}`;
          }
        };
        const positions = (rows: unknown) =>
          Array.isArray(rows) ? rows.map((row: { pos: number }) => row.pos).sort((a, b) => a - b) : rows;
        const viaIndex = positions(await settle(() => db.query.indexed.findMany({ where: where as never })));
        const viaScan = positions(await settle(() => db.query.plain.findMany({ where: where as never })));
        const count = await settle(() => db.query.indexed.count({ where: where as never }));
        const paged: number[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 60 && Array.isArray(viaIndex); page++) {
          const result: any = await db.query.indexed.paginate(
            { numItems: 3, cursor },
            { where: where as never, orderBy: { v: 'asc' } },
          );
          paged.push(...result.page.map((row: { pos: number }) => row.pos));
          if (result.isDone) break;
          cursor = result.continueCursor;
        }
        return { viaIndex, viaScan, count, paged: paged.sort((a, b) => a - b) };
      });
      const text = show(where);
      if (show(got.viaIndex) !== show(got.viaScan)) {
        failures.push(`${text}: index ${show(got.viaIndex)} scan ${show(got.viaScan)}`);
        continue;
      }
      if (Array.isArray(got.viaIndex)) {
        if (got.count !== got.viaIndex.length) failures.push(`${text}: count ${got.count}`);
        if (show(got.paged) !== show(got.viaIndex)) failures.push(`${text}: pages ${show(got.paged)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
