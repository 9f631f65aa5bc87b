import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { relations, seeded } from '../readCosts/fixture';

// A page read as a union under a read rule: the rule hides its rows from every page (the limit
// counts visible rows, a page stays full), the cursors are sealed and name no indexed value, and
// a sealed cursor of the union's pages resumes only the same read.
const ruled = createOrm({
  relations,
  cursorSecret: 'u'.repeat(40),
  rules: defineRules(relations, () => ({ users: { read: { age: { ne: 24 } } } })),
});
const across = { OR: [{ role: 'admin' }, { age: 25 }] } as const;

describe('union pages under rules', () => {
  it('hide the rows the rule hides, stay full, and seal their cursors', async () => {
    const t = await seeded(40, 0);
    const out = await t.run(async (raw: any) => {
      const db = ruled.db(raw);
      const config = { where: across, orderBy: { _creationTime: 'asc' } } as const;
      const pages: { names: string[]; cursor: string }[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const page: any = await db.query.users.paginate({ numItems: 3, cursor }, config);
        pages.push({ names: page.page.map((u: any) => u.name), cursor: page.continueCursor });
        cursor = page.continueCursor;
        if (page.isDone) break;
      }
      const other = await db.query.users
        .paginate(
          { numItems: 3, cursor: pages[0]!.cursor },
          { where: { role: 'admin' }, orderBy: { _creationTime: 'asc' } },
        )
        .then(
          () => 'resumed',
          (error: any) => error.code,
        );
      return {
        pages,
        all: (await db.query.users.findMany(config)).map((u: any) => u.name),
        explain: db.query.users.paginate({ numItems: 3, cursor: null }, config).explain(),
        other,
      };
    });
    const names = out.pages.flatMap((p) => p.names);
    // Hidden: u4 (an admin of age 24), and u0 and u28 (admins of age null: `ne` is UNKNOWN); u5 (age 25) visible.
    expect(names).toEqual(out.all);
    expect(names.slice(0, 4)).toEqual(['u5', 'u8', 'u12', 'u16']);
    for (const hidden of ['u0', 'u4', 'u28']) expect(names).not.toContain(hidden);
    for (const page of out.pages.slice(0, -1)) expect(page.names).toHaveLength(3);
    expect(out.explain).toMatchObject({ read: 'union', cursors: 'sealed' });
    // Sealed: no JSON of the row's key (a plain cursor is JSON naming its _creationTime and _id).
    for (const { cursor } of out.pages) expect(() => JSON.parse(cursor)).toThrow();
    expect(out.other).toBe('INVALID_QUERY');
  });
});
