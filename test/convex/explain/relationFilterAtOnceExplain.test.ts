import { describe, expect, it } from 'vitest';
import { createOrm } from '../../../src/index';
import { backend, relations, rules } from '../unionRead/postsFixture';

// A relation filter whose nested where is an OR across fields: per parent, a keyed read (its key's
// index, the OR residual); past half the ranges left, the keys with related rows read at once
// (relationExists.ts keysWithRows: planQuery unpinned, which may read the OR as a union). explain()
// says how that read goes for a relation without a junction too (explain.ts spanNote), as it does
// through a junction: the matching targets' read.

describe('explain of a relation filter read at once', () => {
  it("explain says how the keys with related rows are read at once (the union's indexes), as it does through a junction", async () => {
    const t = backend();
    const orm = createOrm({ relations, rules });
    const where = { posts: { OR: [{ slug: 's5-1' }, { flagged: true }] } } as const;
    const explained = await t.run(async (raw: any) => orm.db(raw).query.users.findMany({ where }).explain());
    // relationExists.ts keysWithRows reads planQuery(joinedFilter(relation, [authorId not null], ...)):
    // a union of by_slug and by_flagged here.
    expect(explained.exists!.posts!.load).toMatch(/by_slug|union/);
  });
});
