import { convexTable, defineRelations, defineTriggers, id, integer, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// Since 5e31be2 defineTriggers infers its config (`TConfig extends TriggersConfig<TSchema>`), and an
// inferred type argument gets no excess-property check: CheckedConfig / CheckedHooks (src/triggers/define.ts)
// passed unknown table keys and hook names through, so a misspelled hook or table key *beside a valid one*
// type-checked (a type error at 1c44cfc; INVALID_SCHEMA at run time). They are now typed `never` there.
// (Alone, each is caught by weak-type detection.)

const projects = convexTable('projects', { name: text().notNull() });
const tasks = convexTable('tasks', { title: text().notNull(), projectId: id('projects').notNull(), done: integer() });
const relations = defineRelations({ projects, tasks });
declare const hook: 'afterInsert' | 'afterUpdate';
declare const table: 'projects' | 'tasks';

describe('defineTriggers: unknown keys beside valid ones are type errors', () => {
  it('a misspelled hook name beside a valid hook', () => {
    // @ts-expect-error "afterInsrt" is no hook (INVALID_SCHEMA at run time)
    defineTriggers(relations, { tasks: { beforeInsert: (row) => row, afterInsrt: async () => {} } });
    expectTypeOf(relations).not.toBeAny();
  });

  it('a misspelled table key beside a valid one', () => {
    // @ts-expect-error "projcts" is no table of the relations (INVALID_SCHEMA at run time)
    defineTriggers(relations, { tasks: { beforeInsert: (row) => row }, projcts: { afterInsert: async () => {} } });
  });

  it('a computed key typed as a union of names is no unknown key (its index signature names none)', () => {
    defineTriggers(relations, { tasks: { [hook]: async () => {}, beforeInsert: (row) => row } });
    defineTriggers(relations, { [table]: { afterInsert: async () => {} } });
    // @ts-expect-error "afterInsrt" is no hook, beside a computed key too
    defineTriggers(relations, { tasks: { [hook]: async () => {}, afterInsrt: async () => {} } });
  });
});
