/**
 * Mutation scenarios run on both ORMs (`../../mutations.test.ts`): the semantics
 * Drizzle v1 and convex-orm share (reference/drizzle-v1.md section 3, the
 * common-pt1/pt2 mutation tests of section 5.4): returning shapes, defaults,
 * `$defaultFn`, `$onUpdate`, onConflict do nothing / do update, constraint
 * failures that leave nothing written, foreign-key actions, `$count`,
 * transactions. Each scenario body is written once against the neutral
 * context (`db`, tables `t` with `id` as the row id, operators `op`, `id()`).
 */
import type { MutationScenario } from '../../harness/neutral.js';
import { deletes, restricts } from './deletes.js';
import { failures, inserts } from './inserts.js';
import { counting } from './transactions.js';
import { updates } from './updates.js';
import { badTargets, upserts } from './upserts.js';

export const mutationScenarios: readonly MutationScenario[] = [
  ...inserts,
  ...failures,
  ...upserts,
  ...badTargets,
  ...updates,
  ...deletes,
  ...restricts,
  ...counting,
];
