/** Every select scenario: hand-written topics, then the generated ones. */
import type { SelectScenario } from '../../harness/neutral.js';
import { aliases } from './aliases.js';
import { basics } from './basics.js';
import { generated } from './generated.js';
import { groups } from './groups.js';
import { joins } from './joins.js';

export const selectScenarios: readonly SelectScenario[] = [...basics, ...joins, ...aliases, ...groups, ...generated];
