import { describe, expect, it } from 'vitest';
import { createMutationApi, eq } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from '../convex/mutationHarness';
import {
  all,
  categories,
  codes,
  desks,
  files,
  fixtureBackend,
  fixtureOrm,
  folders,
  lamps,
  members,
  owners,
  teams,
  tickets,
} from './fixture';

describe('unique constraints', () => {
  it('nulls not distinct: a second null conflicts, stored or in the same statement', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(codes).values({ code: null }));
    const stored = await run((db) => rejection(db.insert(codes).values({ label: 'second' })));
    expect(stored).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { constraint: 'codes_code_unique' } });
    await run((db) => db.delete(codes).all());
    const inStatement = await run((db) => rejection(db.insert(codes).values([{ code: 'a' }, {}, {}])));
    expect(inStatement.code).toBe('UNIQUE_VIOLATION');
    expect(await run(all('codes'))).toEqual([]);
  });

  it('nulls not distinct also matches a stored row whose field is absent (raw write)', async () => {
    const { run } = fixtureBackend();
    await run((_, ctx) => ctx.db.insert('codes', { label: 'raw', version: 1 }));
    const error = await run((db) => rejection(db.insert(codes).values({ code: null })));
    expect(error.code).toBe('UNIQUE_VIOLATION');
  });

  it('composite unique: same pair conflicts, a different pair does not', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(teams).values([
        { slug: 'red', name: 'Red' },
        { slug: 'blue', name: 'Blue' },
      ]),
    );
    await run((db) =>
      db.insert(members).values([
        { team: 'red', login: 'ada' },
        { team: 'blue', login: 'ada' },
      ]),
    );
    const error = await run((db) => rejection(db.insert(members).values({ team: 'red', login: 'ada' })));
    expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { constraint: 'members_team_login' } });
    expect(await run(all('members'))).toHaveLength(2);
  });

  it('upsert on a composite unique updates the row, refreshing $onUpdateFn columns', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(teams).values({ slug: 'red', name: 'Red' }));
    const [first] = await run((db) => db.insert(members).values({ team: 'red', login: 'ada' }).returning());
    const rows = await run((db) =>
      db
        .insert(members)
        .values({ team: 'red', login: 'ada', level: 9 })
        .onConflictDoUpdate({ target: [members.team, members.login], set: { level: 5 } })
        .returning(),
    );
    expect(rows).toEqual([{ ...first, level: 5 }]);
    const code = await run((db) => db.insert(codes).values({ code: 'x' }).returning());
    const updated = await run((db) =>
      db
        .insert(codes)
        .values({ code: 'x' })
        .onConflictDoUpdate({ target: codes.code, set: { label: 'seen' } })
        .returning(),
    );
    expect(updated[0]!.label).toBe('seen');
    expect(updated[0]!.version).toBeGreaterThan(code[0]!.version);
  });
});

describe('defaults, $onUpdateFn and value validation', () => {
  it('$defaultFn fills a missing column; $onUpdateFn runs on insert without a default and on every update', async () => {
    const { run } = fixtureBackend();
    const [row] = await run((db) => db.insert(codes).values({ code: 'a' }).returning());
    expect(row).toMatchObject({ label: 'unnamed', day: null, seenAt: null });
    const [after] = await run((db) => db.update(codes).set({ label: 'b' }).where({ code: 'a' }).returning());
    expect(after!.version).toBeGreaterThan(row!.version);
    const [explicit] = await run((db) => db.update(codes).set({ version: 1 }).where({ code: 'a' }).returning());
    expect(explicit!.version).toBe(1);
  });

  it('$onUpdateFn runs when the statement runs, not when it is built: each await refreshes it', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(codes).values({ code: 'a' }));
    const versions = await run(async (db) => {
      const statement = db.update(codes).set({ label: 'b' }).where({ code: 'a' }).returning({ version: codes.version });
      const [first] = await statement;
      const [second] = await statement;
      return [first!.version, second!.version];
    });
    expect(versions[1]).toBeGreaterThan(versions[0]!);
  });

  it('timestamp({ mode: "string" }) stores milliseconds and reads ISO strings: rows a Convex function can return', async () => {
    const { t, run } = fixtureBackend();
    // t.run hands its result to convexToJson as a Convex function's return value is: a Date would throw.
    const written = await run(async (db, ctx) => {
      const [row] = await db.insert(codes).values({ code: 'a', seenAt: '2026-01-02T03:04:05+02:00' }).returning();
      await db.insert(codes).values({ code: 'b', seenAt: '2026-03-01T00:00:00.000Z' });
      return { returned: row!.seenAt, stored: (await ctx.db.get(row!._id)).seenAt };
    });
    expect(written).toEqual({ returned: '2026-01-02T01:04:05.000Z', stored: Date.UTC(2026, 0, 2, 1, 4, 5) });
    const found = await t.run(async (ctx) =>
      fixtureOrm.db(ctx as never).query.codes.findMany({
        columns: { code: true, seenAt: true },
        where: { seenAt: { gt: '2026-02-01T00:00:00Z' } },
      }),
    );
    expect(found).toEqual([{ code: 'b', seenAt: '2026-03-01T00:00:00.000Z' }]);
    const error = await run((db) => rejection(db.insert(codes).values({ code: 'c', seenAt: '2026-01-02 03:04' })));
    expect(error).toMatchObject({ code: 'VALIDATION', table: 'codes', details: { column: 'seenAt' } });
    expect(error.message).toContain('expected an ISO 8601 date-time with an offset');
  });

  it('rejects a bad date string, a vector of the wrong length and a fractional array element, naming the column', async () => {
    const { run } = fixtureBackend();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ day: '2026-02-30' }, 'day', /"YYYY-MM-DD" date/],
      [{ embedding: [1, 2, 3] }, 'embedding', /2 numbers/],
      [{ scores: [1, 2.5] }, 'scores', /element 1: expected an integer/],
      [{ seenAt: 'yesterday' }, 'seenAt', /expected an ISO 8601 date-time/],
    ];
    for (const [row, column, message] of cases) {
      const error = await run((db) => rejection(db.insert(codes).values({ code: column, ...row } as never)));
      expect(error).toMatchObject({ code: 'VALIDATION', table: 'codes', details: { column } });
      expect(error.message).toMatch(message);
    }
    expect(await run(all('codes'))).toEqual([]);
  });
});

describe('foreign keys to a non-_id column', () => {
  it('checks existence through the referenced unique index, also against rows of the same statement', async () => {
    const { run } = fixtureBackend();
    const missing = await run((db) => rejection(db.insert(members).values({ team: 'red', login: 'ada' })));
    expect(missing).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', details: { foreignTable: 'teams' } });
    await run((db) => db.insert(teams).values({ slug: 'red', name: 'Red' }));
    await run((db) => db.insert(members).values({ team: 'red', login: 'ada' }));
    expect(await run(all('members'))).toHaveLength(1);
  });

  it('the existence check of one key is read once per statement: 10 members of one team cost one range for it', async () => {
    const { t, run } = fixtureBackend();
    await run((db) => db.insert(teams).values({ slug: 'red', name: 'Red' }));
    const reads = await t.run(async (ctx) => {
      const counted = countReads(ctx);
      const db = createMutationApi(counted.ctx.db, fixtureOrm.schema);
      await db.insert(members).values(Array.from({ length: 10 }, (_, i) => ({ team: 'red', login: `m${i}` })));
      return { ...counted.reads };
    });
    // 10 ranges for the (team, login) unique constraint, 1 for the team: the team document once.
    expect(reads).toEqual({ documents: 1, ranges: 11 });
    expect(await run(all('members'))).toHaveLength(10);
  });

  it('onUpdate cascade rewrites referencing rows when the referenced key changes', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(teams).values({ slug: 'red', name: 'Red' }));
    await run((db) =>
      db.insert(members).values([
        { team: 'red', login: 'ada' },
        { team: 'red', login: 'bob' },
      ]),
    );
    await run((db) => db.update(teams).set({ slug: 'crimson' }).where({ slug: 'red' }));
    expect((await run(all('members'))).map((row: { team: string }) => row.team)).toEqual(['crimson', 'crimson']);
  });

  it('onUpdate no action refuses to change a referenced key and changes nothing', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(teams).values({ slug: 'red', name: 'Red' }));
    await run((db) => db.insert(tickets).values({ title: 'T', team: 'red' }));
    const error = await run((db) => rejection(db.update(teams).set({ slug: 'blue' }).where({ slug: 'red' })));
    expect(error).toMatchObject({
      code: 'FOREIGN_KEY_VIOLATION',
      table: 'teams',
      details: { referencingTable: 'tickets' },
    });
    expect(error.message).toContain('Cannot update "teams" row');
    expect((await run(all('teams')))[0]).toMatchObject({ slug: 'red' });
    await run((db) => db.update(teams).set({ name: 'Rouge' }).where({ slug: 'red' }));
    expect((await run(all('teams')))[0]).toMatchObject({ slug: 'red', name: 'Rouge' });
  });

  it('onDelete restrict refuses to delete a referenced team and deletes nothing', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(teams).values([
        { slug: 'red', name: 'Red' },
        { slug: 'blue', name: 'Blue' },
      ]),
    );
    await run((db) => db.insert(members).values({ team: 'red', login: 'ada' }));
    const error = await run((db) => rejection(db.delete(teams).all()));
    expect(error).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', table: 'teams' });
    expect(error.message).toContain('"members" row');
    expect(await run(all('teams'))).toHaveLength(2);
  });

  it('onDelete set default moves tickets to the default team, which must exist', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(teams).values({ slug: 'red', name: 'Red' }));
    await run((db) => db.insert(tickets).values({ title: 'T', team: 'red' }));
    const noLobby = await run((db) => rejection(db.delete(teams).where({ slug: 'red' })));
    expect(noLobby).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', table: 'tickets' });
    expect(await run(all('teams'))).toHaveLength(1);
    await run((db) => db.insert(teams).values({ slug: 'lobby', name: 'Lobby' }));
    await run((db) => db.delete(teams).where({ slug: 'red' }));
    expect((await run(all('tickets')))[0]).toMatchObject({ title: 'T', team: 'lobby' });
  });

  it('deleting the default team itself: set default writes back the key it held, still judged', async () => {
    // The action writes `team: 'lobby'` over `'lobby'`: unchanged, but its row is the one deleted.
    const { run } = fixtureBackend();
    await run((db) => db.insert(teams).values({ slug: 'lobby', name: 'Lobby' }));
    await run((db) => db.insert(tickets).values({ title: 'T', team: 'lobby' }));
    const error = await run((db) => rejection(db.delete(teams).where({ slug: 'lobby' })));
    expect(error).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', table: 'tickets' });
    expect(await run(all('teams'))).toHaveLength(1);
  });
});

describe('foreign-key actions over the cascade graph', () => {
  async function tree(db: Parameters<Parameters<ReturnType<typeof fixtureBackend>['run']>[0]>[0]) {
    const [root] = await db.insert(folders).values({ name: 'root' }).returning();
    const [child] = await db.insert(folders).values({ name: 'child', parent: root!._id }).returning();
    const [owner] = await db.insert(owners).values({ name: 'Olga' }).returning();
    return { root: root!._id, child: child!._id, owner: owner!._id };
  }

  it('cascades through a self-reference and terminates on a cycle', async () => {
    const { run } = fixtureBackend();
    const { root, child, owner } = await run(tree);
    await run((db) => db.update(folders).set({ parent: child }).where({ _id: root }));
    await run((db) => db.insert(files).values({ name: 'f', folder: child, editor: owner }));
    const deleted = await run((db) =>
      db.delete(folders).where(eq(folders._id, root)).returning({ name: folders.name }),
    );
    expect(deleted).toEqual([{ name: 'root' }]);
    expect(await run(all('folders'))).toEqual([]);
    expect(await run(all('files'))).toEqual([]);
  });

  it('a restrict deep in the cascade graph deletes nothing at all', async () => {
    const { run } = fixtureBackend();
    const { root, owner } = await run(tree);
    await run(async (db) => {
      const [blocker] = await db.insert(owners).values({ name: 'Blocker' }).returning();
      await db.insert(files).values({ name: 'f', folder: root, editor: owner, owner: blocker!._id });
      return null;
    });
    // Deleting the owner that a surviving file references through `owner` (restrict) fails...
    const restricted = await run((db) => rejection(db.delete(owners).where({ name: 'Blocker' })));
    expect(restricted).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', details: { foreignKey: 'files_owner_fk' } });
    // ...but deleting the folder cascades to the file first, so the restrict is satisfied.
    await run((db) => db.delete(folders).where({ _id: root }));
    expect(await run(all('files'))).toEqual([]);
    await run((db) => db.delete(owners).where({ name: 'Blocker' }));
    expect((await run(all('owners'))).map((row: { name: string }) => row.name)).toEqual(['Olga']);
  });

  it('restrict reached through a cascade fails the whole statement', async () => {
    const { run } = fixtureBackend();
    const { root, owner } = await run(tree);
    await run((db) => db.insert(files).values({ name: 'f', folder: root, editor: owner, owner }));
    // owners -> files.owner is restrict: deleting the owner fails even though files.editor would set null.
    const error = await run((db) => rejection(db.delete(owners).where({ _id: owner })));
    expect(error).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', details: { foreignKey: 'files_owner_fk' } });
    expect(await run(all('owners'))).toHaveLength(1);
    expect(await run(all('files'))).toHaveLength(1);
  });

  it('set null clears the reference of a surviving row', async () => {
    const { run } = fixtureBackend();
    const { root, owner } = await run(tree);
    await run((db) => db.insert(files).values({ name: 'f', folder: root, editor: owner }));
    await run((db) => db.delete(owners).where({ _id: owner }));
    expect(await run(all('files'))).toMatchObject([{ name: 'f', editor: null }]);
  });
});

describe('foreign-key actions of a key change', () => {
  it('an onUpdate cascade through a row that references itself ends, rewriting it once', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(categories).values([
        { slug: 'hub', home: 'hub' },
        { slug: 'root', parent: 'root', home: 'hub' },
        { slug: 'kid', parent: 'root', home: 'hub' },
      ]),
    );
    await run((db) => db.update(categories).set({ slug: 'top' }).where({ slug: 'root' }));
    const rows = await run(all('categories'));
    expect(rows.map(({ slug, parent }: { slug: string; parent: string | null }) => ({ slug, parent }))).toEqual([
      { slug: 'hub', parent: null },
      { slug: 'top', parent: 'top' },
      { slug: 'kid', parent: 'top' },
    ]);
  });

  it('a reference the statement writes to a key it changes away follows the key, as in Postgres', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(categories).values([
        { slug: 'hub', home: 'hub' },
        { slug: 'root', home: 'hub' },
      ]),
    );
    // Postgres 18 (PGlite): the onUpdate actions run at the end of the statement, on the rows holding
    // "root" then, this one included: parent cascades to "top", home is set null.
    await run((db) => db.update(categories).set({ slug: 'top', parent: 'root', home: 'root' }).where({ slug: 'root' }));
    const shape = (rows: { slug: string; parent: string | null; home: string | null }[]) =>
      rows.map(({ slug, parent, home }) => ({ slug, parent, home }));
    expect(shape(await run(all('categories')))).toEqual([
      { slug: 'hub', parent: null, home: 'hub' },
      { slug: 'top', parent: 'top', home: null },
    ]);
    // The same through an upsert: the first row re-keys "top", the second inserts a row referencing it.
    await run((db) =>
      db
        .insert(categories)
        .values([
          { slug: 'top', home: 'hub' },
          { slug: 'leaf', parent: 'top', home: 'top' },
        ])
        .onConflictDoUpdate({ target: categories.slug, set: { slug: 'peak' } }),
    );
    expect(shape(await run(all('categories')))).toEqual([
      { slug: 'hub', parent: null, home: 'hub' },
      { slug: 'peak', parent: 'peak', home: null },
      { slug: 'leaf', parent: 'peak', home: null },
    ]);
  });

  it('set null merged into a row the statement itself updates', async () => {
    const { run } = fixtureBackend();
    await run((db) => db.insert(categories).values({ slug: 'solo', home: 'solo' }));
    await run((db) => db.update(categories).set({ slug: 'alone' }).where({ slug: 'solo' }));
    expect(await run(all('categories'))).toMatchObject([{ slug: 'alone', home: null }]);
  });

  it('uniqueness covers the values set default writes: against each other and against stored rows', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(teams).values([
        { slug: 'lobby', name: 'Lobby' },
        { slug: 'red', name: 'Red' },
        { slug: 'blue', name: 'Blue' },
      ]),
    );
    await run((db) => db.insert(desks).values([{ team: 'red' }, { team: 'blue' }]));
    // Both desks would fall back to "lobby" in one statement.
    const twice = await run((db) => rejection(db.delete(teams).where({ slug: { in: ['red', 'blue'] } })));
    expect(twice).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { constraint: 'desks_team_unique' } });
    await run((db) => db.delete(teams).where({ slug: 'red' }));
    // "lobby" now has its desk: the blue desk cannot fall back to it.
    const stored = await run((db) => rejection(db.delete(teams).where({ slug: 'blue' })));
    expect(stored).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { constraint: 'desks_team_unique' } });
    expect((await run(all('teams'))).map((row: { slug: string }) => row.slug)).toEqual(['lobby', 'blue']);
    expect((await run(all('desks'))).map((row: { team: string }) => row.team)).toEqual(['lobby', 'blue']);
  });

  it('a key that set default changes carries its own actions on to the rows referencing it', async () => {
    const { run } = fixtureBackend();
    await run((db) =>
      db.insert(teams).values([
        { slug: 'lobby', name: 'Lobby' },
        { slug: 'red', name: 'Red' },
      ]),
    );
    await run((db) => db.insert(desks).values({ team: 'red' }));
    await run((db) => db.insert(lamps).values({ desk: 'red' }));
    await run((db) => db.delete(teams).where({ slug: 'red' }));
    expect((await run(all('desks'))).map((row: { team: string }) => row.team)).toEqual(['lobby']);
    expect((await run(all('lamps'))).map((row: { desk: string }) => row.desk)).toEqual(['lobby']);
  });

  it('the row cap counts the rows an upsert inserts together with the rows its key update cascades to', async () => {
    const { run } = fixtureBackend({ rowCap: 3 });
    await run((db) => db.insert(teams).values({ slug: 'red', name: 'Red' }));
    await run((db) =>
      db.insert(members).values([
        { team: 'red', login: 'ada' },
        { team: 'red', login: 'bob' },
      ]),
    );
    // 2 inserted teams + 1 updated team + 2 cascaded members = 5 rows > 3.
    const error = await run((db) =>
      rejection(
        db
          .insert(teams)
          .values([
            { slug: 'red', name: 'Red' },
            { slug: 'green', name: 'Green' },
            { slug: 'blue', name: 'Blue' },
          ])
          .onConflictDoUpdate({ target: teams.slug, set: { slug: 'crimson' } }),
      ),
    );
    expect(error).toMatchObject({ code: 'ROW_CAP_EXCEEDED', details: { rowCap: 3 } });
    expect(error.message).toContain(
      'write fewer rows per statement (a narrower where, or fewer values of an upsert) or raise rowCap',
    );
    expect((await run(all('teams'))).map((row: { slug: string }) => row.slug)).toEqual(['red']);
  });
});

describe('write order', () => {
  it('writes of one statement run one after another, never concurrently', async () => {
    const { t } = fixtureBackend();
    const observed = await t.run(async (ctx) => {
      let inFlight = 0;
      let most = 0;
      const track =
        (write: (...args: unknown[]) => Promise<unknown>) =>
        async (...args: unknown[]) => {
          most = Math.max(most, ++inFlight);
          try {
            return await write(...args);
          } finally {
            inFlight--;
          }
        };
      const db = new Proxy(ctx.db, {
        get(target, key) {
          const value = Reflect.get(target, key);
          if (typeof value !== 'function') return value;
          const bound = value.bind(target);
          return key === 'insert' || key === 'patch' || key === 'delete' ? track(bound) : bound;
        },
      });
      const api = createMutationApi(db, fixtureOrm.schema);
      const [root] = await api.insert(folders).values({ name: 'root' }).returning();
      await api.insert(folders).values(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, parent: root!._id })));
      await api.update(folders).set({ name: 'renamed' }).where({ parent: root!._id });
      await api.delete(folders).where({ _id: root!._id });
      return { most, left: (await ctx.db.query('folders').collect()).length };
    });
    expect(observed).toEqual({ most: 1, left: 0 });
  });
});
