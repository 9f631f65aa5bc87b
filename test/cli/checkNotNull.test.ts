// @vitest-environment node

import { v } from 'convex/values';
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import {
  arrayOf,
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  json,
  objectOf,
  text,
} from '../../src/index';
import { migrationBackend, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

// A notNull() column, field or element whose data type admits null is deployed with that data
// type's validator: Convex lets a raw write store a null there, which the ORM refuses on write and
// types away on read. `migrate check` reports each such null as a broken NOT NULL of the deployed
// schema, naming where it is; nulls in nullable columns, and columns whose validator refuses null
// (Convex's own check), are not reported here.
const nullableString = () => custom(v.union(v.null(), v.string()));
const people = convexTable('people', {
  nick: nullableString().notNull(),
  data: json().notNull(),
  profile: objectOf({ alias: nullableString().notNull(), bio: text() }),
  tags: arrayOf(nullableString().notNull()),
  note: nullableString(),
});
const schema = defineSchema({ people });
const orm = createOrm({ relations: defineRelations({ people }) });
const SOURCE = `
import { v } from 'convex/values';
import { arrayOf, convexTable, custom, defineSchema, json, objectOf, text } from 'convex-orm';
const nullableString = () => custom(v.union(v.null(), v.string()));
export const people = convexTable('people', {
  nick: nullableString().notNull(),
  data: json().notNull(),
  profile: objectOf({ alias: nullableString().notNull(), bio: text() }),
  tags: arrayOf(nullableString().notNull()),
  note: nullableString(),
});
export default defineSchema({ people });
`;

describe('migrate check: NOT NULL where Convex validators admit null', () => {
  it('reports each null stored in a notNull column, field or element, naming where, and exits 1', async () => {
    const backend = migrationBackend(defineMigrationSet([]), orm as never, undefined, false, schema);
    const ids = await backend.t.run(async (ctx) => {
      const db = ctx.db as any;
      const row = (overrides: object) => ({
        nick: 'n',
        data: 1,
        profile: { alias: 'a', bio: null },
        tags: [],
        note: null,
        ...overrides,
      });
      return [
        // Every value as the ORM writes it (a null bio and note are nullable): nothing to report.
        await db.insert('people', row({})),
        await db.insert('people', row({ nick: null })),
        await db.insert('people', row({ data: null, profile: { alias: null, bio: 'b' } })),
        await db.insert('people', row({ tags: ['x', null, null] })),
      ];
    });
    const { io, output } = captureIo(schemaProject(SOURCE, { functionsModule: TEST_MODULE }), backend.transport);
    const code = await runCli(['migrate', 'check'], io);
    const shown = output.stdout.replaceAll(/\w+people\b/g, (id) => `<p${ids.indexOf(id)}>`);
    expect(shown).toContain('✗ people: 3 of 4 documents break constraints of the deployed schema');
    expect(shown).toContain('not null nick: 1 document, e.g. <p1>');
    expect(shown).toContain('not null data: 1 document, e.g. <p2>');
    expect(shown).toContain('not null profile.alias: 1 document, e.g. <p2>');
    // Two null elements of one document: one violation.
    expect(shown).toContain('not null tags[]: 1 document, e.g. <p3>');
    expect(shown).not.toContain('note');
    expect(shown).not.toContain('bio');
    expect(shown).toContain("Every document passes the local schema's validators.");
    expect(code).toBe(1);
  });
});
