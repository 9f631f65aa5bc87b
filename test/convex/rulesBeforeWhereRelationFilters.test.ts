import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, id, index, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

// A team's docs (and their secrets) are readable by the team's members: a rule that is a relation
// filter, so it is a residual, tested on every doc the read passes over. Mal (member of team M) asks
// for docs having a secret with code 'hunter2'. The where's relation filter (a client's filter) is
// never judged on a doc the rules hide, as Postgres puts a policy's quals before the query's
// (security barrier): the rule's relation filter is resolved first, so what the query reads (and
// whether it fails SCAN_BUDGET_EXCEEDED) does not tell whether Vic's hidden doc has a hidden secret
// 'hunter2'.
const teams = convexTable('teams', { name: text().notNull() });
const memberships = convexTable('memberships', { teamId: id('teams').notNull(), userId: text().notNull() }, (t) => [
  index('by_team_user').on(t.teamId, t.userId),
]);
const docs = convexTable('docs', { teamId: id('teams').notNull(), title: text().notNull() }, (t) => [
  index('by_team').on(t.teamId),
]);
const secrets = convexTable('secrets', { docId: id('docs').notNull(), code: text().notNull() }, (t) => [
  index('by_doc_code').on(t.docId, t.code),
]);
const tables = { teams, memberships, docs, secrets };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  teams: { memberships: r.many.memberships(), docs: r.many.docs() },
  memberships: { team: r.one.teams({ from: r.memberships.teamId, to: r.teams._id }) },
  docs: { team: r.one.teams({ from: r.docs.teamId, to: r.teams._id }), secrets: r.many.secrets() },
  secrets: { doc: r.one.docs({ from: r.secrets.docId, to: r.docs._id }) },
}));
const orm = createOrm({
  relations,
  rules: defineRules(relations, async (ctx: { auth: Auth }) => {
    const userId = (await ctx.auth.getUserIdentity())?.subject ?? '';
    const member = { team: { memberships: { userId } } };
    return {
      teams: { read: {} },
      memberships: { read: {} },
      docs: { read: member },
      secrets: { read: { doc: member } },
    };
  }),
});

/** Vic's team and doc (hidden from Mal) with one secret of `code`; Mal's team and doc, no secrets. */
async function world(code: string) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    const v = await ctx.db.insert('teams', { name: 'V' });
    const m = await ctx.db.insert('teams', { name: 'M' });
    await ctx.db.insert('memberships', { teamId: v, userId: 'vic' });
    await ctx.db.insert('memberships', { teamId: m, userId: 'mal' });
    const vicDoc = await ctx.db.insert('docs', { teamId: v, title: 'payroll' });
    await ctx.db.insert('docs', { teamId: m, title: 'notes' });
    await ctx.db.insert('secrets', { docId: vicDoc, code });
  });
  return t.withIdentity({ subject: 'mal' });
}

type Mal = Awaited<ReturnType<typeof world>>;
const attack = { where: { secrets: { code: 'hunter2' } } } as const;

async function outcome(mal: Mal, scanBudget: number): Promise<string> {
  return mal.run(async (ctx) => {
    try {
      const rows = await orm.db(ctx).query.docs.findMany({ ...attack, scanBudget });
      return `rows ${rows.length}`;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  });
}

describe("a where's relation filter is not judged on rows the read rule hides", () => {
  it("the documents read do not depend on a hidden doc's hidden secrets", async () => {
    const reads = async (code: string) => {
      const mal = await world(code);
      return mal.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        const rows = await orm.db(counted as never).query.docs.findMany(attack);
        return { rows: rows.length, documents: reads.documents };
      });
    };
    // Both are empty for Mal; the reads should be the same (Vic's doc rejected by its rule before
    // its secrets are looked at).
    expect(await reads('hunter2')).toEqual(await reads('swordfish'));
  });

  it('no scan budget answers differently whether the hidden secret is hunter2 or not', async () => {
    const hit = await world('hunter2');
    const miss = await world('swordfish');
    const differing: string[] = [];
    for (let budget = 1; budget <= 12; budget++) {
      const [a, b] = [await outcome(hit, budget), await outcome(miss, budget)];
      if (a !== b) differing.push(`scanBudget ${budget}: hunter2 -> ${a}, swordfish -> ${b}`);
    }
    expect(differing).toEqual([]);
  });

  it("nested: a relation filter inside a relation filter is not judged on the related rows the target's rule hides", async () => {
    // Teams are readable; `docs: { secrets: ... }` asks whether a visible doc of the team has such a secret.
    // Vic's doc is not visible to Mal, so its secrets should never be looked at.
    const reads = async (code: string) => {
      const mal = await world(code);
      return mal.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        const rows = await orm
          .db(counted as never)
          .query.teams.findMany({ where: { docs: { secrets: { code: 'hunter2' } } } });
        return { rows: rows.length, documents: reads.documents };
      });
    };
    expect(await reads('hunter2')).toEqual(await reads('swordfish'));
  });
});
