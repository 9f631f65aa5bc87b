import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { documentProblems, matchesValidator } from '../../src/migrations/matchValidator';
import { validatorJson } from '../../src/migrations/validatorJson';

const isId = (table: string, id: string) => id.endsWith(`@${table}`);
const matches = (validator: Parameters<typeof validatorJson>[0], value: unknown) =>
  matchesValidator(validatorJson(validator), value, isId);

describe('matchesValidator: Convex JSON validators, decided as schema validation does', () => {
  it.each([
    ['string', v.string(), 'a', 1],
    ['float64', v.float64(), 1.5, 1n],
    ['int64', v.int64(), 1n, 1],
    ['boolean', v.boolean(), false, 0],
    ['bytes', v.bytes(), new ArrayBuffer(2), 'ab'],
    ['null', v.null(), null, undefined],
    ['any', v.any(), { x: [1n] }, undefined],
    ['id', v.id('users'), 'k1@users', 'k1@posts'],
    ['string literal', v.literal('a'), 'a', 'b'],
    ['number literal', v.literal(2), 2, 2n],
    ['bigint literal', v.literal(2n), 2n, 2],
    ['boolean literal', v.literal(true), true, false],
    ['array', v.array(v.number()), [1, 2], [1, 'x']],
    ['object', v.object({ a: v.string(), b: v.optional(v.number()) }), { a: 'x' }, { a: 'x', c: 1 }],
    ['object, required field', v.object({ a: v.string() }), { a: 'x' }, {}],
    ['record', v.record(v.string(), v.number()), { a: 1, b: 2 }, { a: 'x' }],
    ['record of ids', v.record(v.id('users'), v.boolean()), { 'k@users': true }, { 'k@posts': true }],
    ['union', v.union(v.string(), v.null()), null, 1],
  ])('%s accepts the first value and rejects the second', (_name, validator, good, bad) => {
    expect(matches(validator, good)).toBe(true);
    expect(matches(validator, bad)).toBe(false);
  });

  it('an array is no object and an object is no array', () => {
    expect(matches(v.object({}), [])).toBe(false);
    expect(matches(v.array(v.any()), {})).toBe(false);
  });
});

describe('documentProblems', () => {
  const documentType = validatorJson(
    v.object({ title: v.string(), priority: v.optional(v.union(v.null(), v.literal('low'))) }),
  );

  it('names each field: missing, invalid, unexpected; system fields are not checked', () => {
    expect(documentProblems(documentType, { _id: 'x', _creationTime: 1, title: 'a' }, isId)).toEqual([]);
    expect(documentProblems(documentType, { _id: 'x', _creationTime: 1, priority: 'high', done: true }, isId)).toEqual([
      { field: 'title', problem: 'missing' },
      { field: 'priority', problem: 'invalid' },
      { field: 'done', problem: 'unexpected' },
    ]);
  });

  it('a table of a union of objects reports the whole document', () => {
    const union = validatorJson(v.union(v.object({ a: v.string() }), v.object({ b: v.number() })));
    expect(documentProblems(union, { _id: 'x', _creationTime: 1, b: 1 }, isId)).toEqual([]);
    expect(documentProblems(union, { _id: 'x', _creationTime: 1, c: 1 }, isId)).toEqual([
      { field: '', problem: 'invalid' },
    ]);
  });
});
