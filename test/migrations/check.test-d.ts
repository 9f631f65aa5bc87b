import type { RegisteredQuery } from 'convex/server';
import {
  type CheckArgs,
  type CheckResult,
  type DocumentProblem,
  defineMigrationFunctions,
  defineMigrationSet,
  documentProblems,
  matchesValidator,
  type ValidatorJson,
} from 'convex-orm/migrations';
import { describe, expectTypeOf, it } from 'vitest';
import type { internal } from '../../example/convex/_generated/api';
import { internalMutation, internalQuery } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const self: typeof internal.migrations;
const isId = (_table: string, _id: string) => true;

describe('migrate check types', () => {
  it('check is an internal query over one batch of one table', () => {
    const functions = defineMigrationFunctions({
      orm,
      migrations: defineMigrationSet([]),
      internalMutation,
      internalQuery,
      self,
    });
    expectTypeOf(functions.check).toEqualTypeOf<RegisteredQuery<'internal', CheckArgs, Promise<CheckResult>>>();
    expectTypeOf<CheckArgs>().toEqualTypeOf<{
      table: string;
      documentType: string;
      cursor: string | null;
      batchSize: number;
    }>();
    expectTypeOf<CheckResult['rejected'][number]['problem']>().toEqualTypeOf<'missing' | 'unexpected' | 'invalid'>();
  });

  it('the validator checker takes Convex JSON validators only', () => {
    const documentType: ValidatorJson = {
      type: 'object',
      value: { title: { fieldType: { type: 'string' }, optional: false } },
    };
    expectTypeOf(matchesValidator({ type: 'id', tableName: 'users' }, 'x', isId)).toEqualTypeOf<boolean>();
    expectTypeOf(documentProblems(documentType, { title: 'a' }, isId)).toEqualTypeOf<DocumentProblem[]>();
    // @ts-expect-error an unknown validator type
    matchesValidator({ type: 'date' }, 1, isId);
    // @ts-expect-error an id validator needs its table
    matchesValidator({ type: 'id' }, 'x', isId);
    // @ts-expect-error an object's fields are { fieldType, optional }
    matchesValidator({ type: 'object', value: { title: { type: 'string' } } }, {}, isId);
  });
});
