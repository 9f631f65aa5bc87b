// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/** The read-count test of docs/queries.md, type-checked by `tsc` (queries.test.ts runs its claim). */
import type { convexTest } from 'convex-test';
import { expect } from 'vitest';
import { orm } from './queries.orm';

declare const t: ReturnType<typeof convexTest>;
declare const email: string;

import { countReads } from 'convex-orm/testing';

await t.run(async (raw) => {
  const { ctx, reads } = countReads(raw);
  await orm.db(ctx).query.users.findMany({ where: { email } });
  expect(reads).toEqual({ documents: 1, ranges: 1 });
});
