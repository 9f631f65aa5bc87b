// Seeded random ORM writes over the brute-force fixture's tables (every write path its aggregate
// indexes must follow: inserts, updates, deletes, set null, soft cascades, restores, upserts,
// trigger chains, migration patches in both write modes, transactions), for the differentials.
import { writePatch } from '../../../src/migrations/write';
import { seededRandom } from '../../seededRandom';
import { CATS, type Ctx, type Db, eq, groups, items, orgs, orm } from './bruteForceFixture';

export function random(seed: number) {
  const next = seededRandom(seed);
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T | undefined => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof random>;

async function ids(ctx: Ctx) {
  const [o, g, i] = await Promise.all([
    ctx.db.query('orgs').collect(),
    ctx.db.query('groups').collect(),
    ctx.db.query('items').collect(),
  ]);
  return { orgs: o as any[], groups: g as any[], items: i as any[] };
}

/** One random ORM write; returns what it did. */
export async function step(rnd: Random, db: Db, ctx: Ctx, n: number): Promise<string> {
  const have = await ids(ctx);
  if (have.orgs.length < 2) {
    await db.insert(orgs).values({ name: `o${n}` });
    return 'insert org';
  }
  if (have.groups.filter((g) => g.deletedAt == null).length < 2) {
    await db.insert(groups).values({ name: `g${n}` });
    return 'insert group';
  }
  const org = () => (rnd.chance(0.2) ? null : rnd.pick(have.orgs)!._id);
  const liveGroup = () => rnd.pick(have.groups.filter((g) => g.deletedAt == null))!._id;
  const score = () => (rnd.chance(0.25) ? null : (rnd.int(41) - 20) / 4);
  const qty = () => (rnd.chance(0.25) ? null : rnd.int(10));
  const item = rnd.pick(have.items);
  const newItem = (i: number) => ({
    code: `i${n}-${i}`,
    orgId: org(),
    groupId: liveGroup(),
    cat: rnd.pick(CATS)!,
    score: score(),
    qty: qty(),
    deletedAt: rnd.chance(0.1) ? 1000 + n : null,
  });
  switch (rnd.int(16)) {
    case 0:
      await db.insert(items).values(Array.from({ length: 1 + rnd.int(5) }, (_, i) => newItem(i)));
      return 'insert items';
    case 1:
      if (!item) return 'no item';
      await db
        .update(items)
        .set({ orgId: org(), cat: rnd.pick(CATS)! })
        .where(eq(items._id, item._id));
      return 'update moves a row between keys';
    case 2: {
      const cat = rnd.pick(CATS)!;
      await db.update(items).set({ score: score(), qty: qty() }).where({ cat });
      return `update sums of cat ${cat} (to null and back)`;
    }
    case 3:
      if (!item) return 'no item';
      await db.delete(items).hard().where(eq(items._id, item._id));
      return 'hard delete item';
    case 4:
      if (!item) return 'no item';
      await db.delete(items).where(eq(items._id, item._id));
      return 'soft delete item';
    case 5: {
      const deleted = rnd.pick(have.items.filter((i) => i.deletedAt != null));
      if (!deleted) return 'nothing to restore';
      await db.update(items).set({ deletedAt: null }).where(eq(items._id, deleted._id));
      return 'restore item';
    }
    case 6: {
      const code = item && rnd.chance(0.6) ? item.code : `u${n}`;
      await db
        .insert(items)
        .values({ ...newItem(0), code })
        .onConflictDoUpdate({ target: items.code, set: { orgId: org(), qty: qty(), score: score() } });
      return `upsert (${code === `u${n}` ? 'insert' : 'update'} branch)`;
    }
    case 7: {
      const rows = Array.from({ length: 2 + rnd.int(3) }, (_, i) => {
        const taken = rnd.chance(0.5) ? rnd.pick(have.items) : undefined;
        return { ...newItem(i), code: taken?.code ?? `m${n}-${i}` };
      });
      await db.insert(items).values(rows).onConflictDoNothing();
      return 'upsert do nothing, many rows';
    }
    case 8: {
      const victim = rnd.pick(have.orgs)!;
      await db.delete(orgs).where(eq(orgs._id, victim._id));
      return 'delete org (set null)';
    }
    case 9: {
      const g = rnd.pick(have.groups.filter((x) => x.deletedAt == null))!;
      await db.delete(groups).where(eq(groups._id, g._id));
      return 'soft delete group (soft cascade)';
    }
    case 10: {
      const g = rnd.pick(have.groups)!;
      await db.delete(groups).hard().where(eq(groups._id, g._id));
      return 'hard delete group (cascade)';
    }
    case 11: {
      const g = rnd.pick(have.groups.filter((x) => x.deletedAt != null));
      if (!g) return 'no group to restore';
      await db.update(groups).set({ deletedAt: null }).where(eq(groups._id, g._id));
      await db.update(items).set({ deletedAt: null }).where({ groupId: g._id, deletedAt: g.deletedAt });
      return 'restore group and its items';
    }
    case 12:
      if (!item) return 'no item';
      await writePatch(
        ctx,
        { schema: orm.schema, db: db as never },
        {
          table: 'items',
          id: item._id,
          old: item,
          changes: { qty: qty(), orgId: org(), cat: rnd.pick(CATS)! },
          writeMode: rnd.chance(0.5) ? 'safe_bypass' : 'normal',
        },
      );
      return 'migration patch';
    case 13:
      await db.transaction(async (tx) => {
        await tx.insert(items).values(newItem(0));
        if (item)
          await tx
            .update(items)
            .set((row) => ({ qty: (row.qty ?? 0) + 2 }))
            .where(eq(items._id, item._id));
      });
      return 'transaction';
    case 14:
      if (!item) return 'no item';
      await db
        .update(items)
        .set({ code: `r${n}`, cat: 'c' })
        .where(eq(items._id, item._id));
      return 'update to cat c';
    default: {
      // A 'c' item fires its twin's insert; delete a 'b' item bumps its org's 'a' items.
      await db.insert(items).values({ ...newItem(0), cat: 'c' });
      const b = rnd.pick(have.items.filter((i) => i.cat === 'b' && i.deletedAt == null));
      if (b) await db.delete(items).hard().where(eq(items._id, b._id));
      return 'trigger chains (twin insert, bump on delete)';
    }
  }
}
