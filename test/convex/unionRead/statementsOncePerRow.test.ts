import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers, eq, or } from '../../../src/index';
import { relations, seeded, users } from '../readCosts/fixture';

// Statements whose where is an OR across indexed fields (read as a union): a row both branches
// reach (u4: an admin of age 24) is deleted / updated, returned and its hooks fired once; FK cascades
// run once per deleted row; an update that moves rows out of both branches changes each once.

describe('update / delete where an OR read as a union', () => {
  it('delete: each row once (returning, hooks, cascaded posts)', async () => {
    const t = await seeded(20, 3);
    const fired: string[] = [];
    const triggers = defineTriggers(relations, {
      users: {
        afterDelete: ({ old }: any) => {
          fired.push(`u:${old.name}`);
        },
        beforeDelete: ({ old }: any) => {
          fired.push(`bu:${old.name}`);
        },
      },
      posts: {
        afterDelete: ({ old }: any) => {
          fired.push(`p:${old.title}`);
        },
      },
    } as any);
    const orm = createOrm({ relations, triggers });
    const out = await t.run(async (raw: any) => {
      const db = orm.db(raw);
      const ret = await db
        .delete(users)
        .where(or(eq(users.role, 'admin'), eq(users.age, 24)))
        .returning({ name: users.name });
      const left = await raw.db.query('posts').collect();
      return { ret: ret.map((r: any) => r.name), left: left.length };
    });
    // admins: u0,u4,u8,u12,u16; age 24 = u4
    expect(out.ret.sort()).toEqual(['u0', 'u12', 'u16', 'u4', 'u8']);
    expect(out.left).toBe(45);
    expect(fired.filter((f) => f.startsWith('u:')).sort()).toEqual(['u:u0', 'u:u12', 'u:u16', 'u:u4', 'u:u8']);
    expect(fired.filter((f) => f.startsWith('bu:')).length).toBe(5);
    expect(fired.filter((f) => f.startsWith('p:')).length).toBe(15);
  });
  it('update moving rows out of both branches: each row once', async () => {
    const t = await seeded(20, 0);
    const orm = createOrm({ relations });
    const out = await t.run(async (raw: any) => {
      const db = orm.db(raw);
      const ret = await db
        .update(users)
        .set({ role: 'member', age: 99 })
        .where(or(eq(users.role, 'admin'), eq(users.age, 25)))
        .returning({ name: users.name });
      return ret.map((r: any) => r.name).sort();
    });
    expect(out).toEqual(['u0', 'u12', 'u16', 'u4', 'u5', 'u8']);
  });
});
