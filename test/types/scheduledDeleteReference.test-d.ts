import {
  type ApiFromModules,
  type FilterApi,
  type FunctionArgs,
  type FunctionReference,
  internalMutationGeneric,
} from 'convex/server';
import { expectTypeOf, test } from 'vitest';
import { createOrm, defineDeletionFunctions, type Orm } from '../../src/index';
import { relations } from '../convex/drainFixture';

// The reference Convex generates for the exported `scheduledDelete` (its `drain` argument
// optional) is what createOrm({ scheduledDelete }) and defineDeletionFunctions({ self }) take.
declare const deletions: ReturnType<typeof defineDeletionFunctions>;
type Internal = FilterApi<ApiFromModules<{ deletions: typeof deletions }>, FunctionReference<any, 'internal'>>;
declare const internal: Internal;

test('the generated reference of scheduledDelete is accepted by createOrm and as self', () => {
  const orm: Orm<typeof relations> = createOrm({ relations, scheduledDelete: internal.deletions.scheduledDelete });
  defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric, self: internal.deletions });
  // The drain's own argument is optional: a caller scheduling it by hand need not give it.
  expectTypeOf<{ table: string; deletedAt: number; ids: string[] }>().toExtend<
    FunctionArgs<typeof internal.deletions.scheduledDelete>
  >();
});
