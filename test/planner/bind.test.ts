import type { Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import type { FilterNode } from '../../src/filter/tree';
import { convexTable, getTableConfig, index, text } from '../../src/index';
import { bindPlan, planParams } from '../../src/planner/bind';
import { describePlan } from '../../src/planner/describe';
import { planQuery } from '../../src/planner/plan';

const items = convexTable('items', { owner: text().notNull(), name: text(), tag: text() }, (t) => [
  index('by_owner').on(t.owner),
]);
const table = getTableConfig(items);
const eq = (field: string, value: Value): FilterNode => ({ kind: 'compare', field, op: 'eq', value });

describe('bindPlan', () => {
  it('puts the values where the params stand: index ranges, ids and the residual', () => {
    const [owner, tag] = planParams(2) as [Value, Value];
    const params = [owner, tag];
    const filter: FilterNode = {
      kind: 'and',
      children: [eq('owner', owner), eq('tag', tag), eq('name', 'x')],
    };
    const template = { plan: planQuery({ table, filter }), params };
    const bound = bindPlan(template, ['ada', 'red']);
    expect(bound).toEqual(
      planQuery({ table, filter: { kind: 'and', children: [eq('owner', 'ada'), eq('tag', 'red'), eq('name', 'x')] } }),
    );

    const byId = { plan: planQuery({ table, filter: eq('_id', owner) }), params };
    expect(bindPlan(byId, ['k1', 'k2'])).toMatchObject({ kind: 'get', ids: ['k1'] });
  });

  it('replaces a param only by identity: an equal-looking user value stays', () => {
    const [param] = planParams(1) as [Value];
    const params = [param];
    const lookalike = { param: 0 };
    const filter: FilterNode = { kind: 'and', children: [eq('owner', param), eq('name', lookalike)] };
    const bound = bindPlan({ plan: planQuery({ table, filter }), params }, ['ada']);
    expect(bound).toMatchObject({
      ranges: [{ eq: ['ada'] }],
      residual: { kind: 'compare', field: 'name', value: lookalike },
    });
  });

  it('an _id param beside an _id list: the param is read, and intersected with the list once bound', () => {
    const [key] = planParams(1) as [Value];
    const list: FilterNode = { kind: 'in', field: '_id', values: ['b', 'a'], negated: false };
    const filter = (id: Value): FilterNode => ({ kind: 'and', children: [eq('_id', id), list] });
    const template = { plan: planQuery({ table, filter: filter(key), params: [key] }), params: [key] };
    // The list is answered by the read of the bound id, which is checked against it as it is bound.
    expect(template.plan).toMatchObject({ kind: 'get', ids: [key], residual: null });
    // Planned as a known value, the key would meet the list as no value: a read of nothing for every key.
    expect(planQuery({ table, filter: filter(key) })).toEqual({ kind: 'empty', table: 'items' });
    expect(bindPlan(template, ['a'])).toMatchObject({ kind: 'get', ids: ['a'], residual: null });
    expect(bindPlan(template, ['z'])).toEqual({ kind: 'empty', table: 'items' });
    // As the bound filter's own plan: the ids both allow, 'a' alone, and nothing for 'z'.
    expect(planQuery({ table, filter: filter('a') })).toMatchObject({ kind: 'get', ids: ['a'], residual: null });
    expect(planQuery({ table, filter: filter('z') })).toEqual({ kind: 'empty', table: 'items' });
  });

  it('a key param beside a known equality on its field reads only a bound value that equality allows', () => {
    const [key] = planParams(1) as [Value];
    const rule: FilterNode = { kind: 'in', field: 'owner', values: ['mal', 'bank'], negated: false };
    const template = {
      plan: planQuery({ table, filter: { kind: 'and', children: [eq('owner', key), rule] }, params: [key] }),
      params: [key],
    };
    // The rule is answered by the read of the bound value, which is checked against it as it is bound.
    expect(template.plan).toMatchObject({ kind: 'index', ranges: [{ eq: [key] }], residual: null });
    expect(template.plan).toMatchObject({ paramEqualities: [{ field: 'owner', allowed: ['bank', 'mal'] }] });
    expect(describePlan(template.plan).boundWithin).toEqual(['owner in ["bank", "mal"]']);
    // Bound, the plan is an ordinary one: the value read, as the bound filter's own plan reads it.
    const bound = bindPlan(template, ['mal']);
    expect(bound).toMatchObject({ kind: 'index', ranges: [{ eq: ['mal'] }], residual: null });
    expect(bound).not.toHaveProperty('paramEqualities');
    expect(bindPlan(template, ['vic'])).toEqual({ kind: 'empty', table: 'items' });
    // Without another equality on the field, nothing is kept to check.
    expect(planQuery({ table, filter: eq('owner', key), params: [key] })).not.toHaveProperty('paramEqualities');
  });
});
