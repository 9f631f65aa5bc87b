/**
 * Generated query scenarios for the property tests of the Convex side alone (a count equals its
 * load's length, `explain()` names the first read, a span load equals the per-key loads): the
 * generator of `generated.ts` with seeds of their own, so they cover other combinations. Fixed
 * seeds: the same scenarios every run.
 */

import type { QueryScenario } from '../../harness/neutral.js';
import { generate, generateWith } from './generated.js';

const SEED = 3;
const N = 120;

/** Filters, windows and `with` trees over every table. */
export const propertyScenarios: QueryScenario[] = [
  ...generate('users', N, SEED * 11 + 1),
  ...generate('posts', N, SEED * 13 + 2),
  ...generate('comments', N / 4, SEED * 17 + 3),
  ...generate('groups', N / 2, SEED * 19 + 4),
  ...generateWith('users', N / 2, SEED * 23 + 5),
  ...generateWith('posts', N / 2, SEED * 29 + 6),
  ...generateWith('groups', N / 2, SEED * 31 + 7),
].map((scenario, i) => ({ ...scenario, name: `${i} ${scenario.name}` }));
