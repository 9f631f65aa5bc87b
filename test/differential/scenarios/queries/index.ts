/**
 * The query scenarios run on both ORMs (`../../queries.test.ts`), in the neutral
 * form of `../../harness/neutral.ts`. Names start with the line of Drizzle's
 * `pg.test.ts` (reference/drizzle-v1.md section 5) a scenario ports, or with
 * the section of the filter/columns/orderBy rules it covers. Every array
 * level has an explicit `orderBy`; nullable columns are ordered only where
 * the rows have no nulls (null ordering is a divergence, tested apart).
 * Adding a scenario is adding one entry.
 */
import type { QueryScenario } from '../../harness/neutral.js';
import { counts } from './counts.js';
import { errors } from './errors.js';
import { extras } from './extras.js';
import { generated } from './generated.js';
import { indexPaths } from './indexPaths.js';
import { junction, predefined, through } from './manyToMany.js';
import { operators } from './operators.js';
import { orderings, paginated } from './ordering.js';
import { relationFilters } from './relationFilters.js';
import { reviewProbes } from './reviewProbes.js';
import { deep, selfRelation } from './selfAndDeep.js';
import { misc, unicode, wideValues } from './values.js';
import { basicWith, findFirst } from './with.js';

export const queryScenarios: readonly QueryScenario[] = [
  ...basicWith,
  ...findFirst,
  ...selfRelation,
  ...deep,
  ...junction,
  ...through,
  ...predefined,
  ...misc,
  ...extras,
  ...relationFilters,
  ...operators,
  ...wideValues,
  ...unicode,
  ...indexPaths,
  ...orderings,
  ...errors,
  ...reviewProbes,
  ...counts,
  ...paginated,
  ...generated,
];
