// docs/queries.md ("Unprepared queries share plans by shape"): an ORM keeps at most 1,024 shapes
// (each with a parsed and planned prepared core, about 2.4 KB), across its tables and modes, so an
// app building `columns` / `orderBy` / filter fields from client input cannot grow the memory an
// ORM keeps at module scope without bound: after 1,980 distinct shapes of one table each seen twice,
// at most 1,024 are served on a third call; across two tables and both modes, at most 1,024 in all.
import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, text } from '../../src/index';
import type { ReadOptions } from '../../src/query/execution';
import { SchemaContext } from '../../src/query/schemaContext';
import { parseByShape } from '../../src/query/shapePlans';

const names = Array.from({ length: 45 }, (_, i) => `c${i}`);
const columns = () => Object.fromEntries(names.map((name) => [name, text()]));
const wide = convexTable('wide', columns() as any);
const other = convexTable('other', columns() as any);
const relations = defineRelations({ wide, other });
const options: ReadOptions = { strict: false, scanBudget: 1000 };

/** 1,980 distinct shapes: `columns` of each ordered pair of columns (key order is part of a shape). */
const configs = names.flatMap((a) => names.filter((b) => b !== a).map((b) => ({ columns: { [a]: true, [b]: true } })));

describe('shape cap (docs/queries.md: "an ORM keeps at most 1,024 shapes")', () => {
  it('keeps at most 1,024 shapes of one table', () => {
    const schema = new SchemaContext(relations);
    for (const config of configs) {
      parseByShape(schema, 'wide', options, config, 'many');
      parseByShape(schema, 'wide', options, config, 'many');
    }
    const kept = configs.filter((config) => parseByShape(schema, 'wide', options, config, 'many').plan !== undefined);
    expect(configs.length).toBe(1980);
    expect(kept.length).toBeLessThanOrEqual(1024);
  });

  it('keeps at most 1,024 shapes per ORM, across its tables and modes', () => {
    const schema = new SchemaContext(relations);
    const some = configs.slice(0, 400);
    const runs = (['wide', 'other'] as const).flatMap((key) =>
      (['many', 'first'] as const).map((mode) => ({ key, mode })),
    );
    for (const { key, mode } of runs) {
      for (const config of some) {
        parseByShape(schema, key, options, config, mode);
        parseByShape(schema, key, options, config, mode);
      }
    }
    let kept = 0;
    for (const { key, mode } of runs) {
      for (const config of some) if (parseByShape(schema, key, options, config, mode).plan !== undefined) kept++;
    }
    expect(kept).toBeLessThanOrEqual(1024);
  });
});
