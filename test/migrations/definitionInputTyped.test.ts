// The migration and deletion helpers given a malformed argument (plain JavaScript, an `as` cast)
// throw a typed error saying what they take, not a TypeError from inside the ORM ("Cannot read
// properties of undefined (reading 'id')", "config.internalMutation is not a function",
// "Cannot use 'in' operator to search for 'kind' in 5"); a misspelt key is refused, not ignored.
import * as orm from 'convex-orm';
import * as migrations from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';

const M = migrations as any;
const O = orm as any;
const users = orm.convexTable('users', { name: orm.text() });
const app = orm.createOrm({ relations: orm.defineRelations({ users }) });
const builder = (definition: unknown) => definition;
const migrationConfig = {
  orm: app,
  migrations: migrations.defineMigrationSet([]),
  internalMutation: builder,
  internalQuery: builder,
  self: {},
};

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

describe('migration helpers: malformed input is MIGRATION_CONFIG', () => {
  it.each([
    ['defineMigration(undefined)', () => M.defineMigration(undefined), 'defineMigration takes a migration object'],
    ['defineMigration(5)', () => M.defineMigration(5), 'got a number'],
    ['defineMigrationSet(undefined)', () => M.defineMigrationSet(undefined), 'defineMigrationSet takes a list'],
    ['defineMigrationSet([5])', () => M.defineMigrationSet([5]), 'A migration set entry must be a migration'],
    ['defineMigrationSet([null])', () => M.defineMigrationSet([null]), 'A migration set entry must be a migration'],
    ['defineMigrationFunctions(undefined)', () => M.defineMigrationFunctions(undefined), 'expected an object { orm'],
    ['defineMigrationFunctions({})', () => M.defineMigrationFunctions({}), '"orm" is required'],
    [
      'no internalQuery',
      () => M.defineMigrationFunctions({ ...migrationConfig, internalQuery: undefined }),
      '"internalQuery" is required',
    ],
    [
      'migrations that are a list',
      () => M.defineMigrationFunctions({ ...migrationConfig, migrations: [] }),
      '"migrations" takes the manifest\'s migrations',
    ],
    [
      'a misspelt key',
      () => M.defineMigrationFunctions({ ...migrationConfig, defaultBatchsize: 10 }),
      '"defaultBatchsize" is not one of its keys',
    ],
  ])('%s', (_case, run, message) => {
    const error = refusal(run);
    expect(orm.isOrmError(error, 'MIGRATION_CONFIG')).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it('a complete config stays accepted', () => {
    expect(Object.keys(M.defineMigrationFunctions(migrationConfig))).toContain('runChunk');
  });
});

describe('defineDeletionFunctions: malformed input is INVALID_OPTION', () => {
  it.each([
    ['undefined', () => O.defineDeletionFunctions(undefined), 'expected an object { orm, internalMutation, self }'],
    ['{}', () => O.defineDeletionFunctions({}), '"orm" is required: the ORM createOrm() returns'],
    [
      'an orm that is none',
      () => O.defineDeletionFunctions({ orm: {}, internalMutation: builder }),
      '"orm" takes the ORM',
    ],
    [
      'internalMutation of 5',
      () => O.defineDeletionFunctions({ orm: app, internalMutation: 5 }),
      '"internalMutation" takes',
    ],
    ['a misspelt key', () => O.defineDeletionFunctions({ orm: app, internalMutation: builder, slef: {} }), '"slef"'],
  ])('%s', (_case, run, message) => {
    const error = refusal(run);
    expect(orm.isOrmError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it('a complete config stays accepted, self or none', () => {
    expect(Object.keys(O.defineDeletionFunctions({ orm: app, internalMutation: builder }))).toEqual([
      'scheduledDelete',
    ]);
    expect(Object.keys(O.defineDeletionFunctions({ orm: app, internalMutation: builder, self: {} }))).toEqual([
      'scheduledDelete',
    ]);
  });
});
