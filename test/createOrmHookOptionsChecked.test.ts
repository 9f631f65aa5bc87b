import { describe, expect, it } from 'vitest';
import { relations } from '../example/convex/schema';
import { createOrm } from '../src/index';
import { syncOutcome as outcome } from './syncOutcome';

// createOrm checks its limits options (INVALID_OPTION naming the option) and says the rest are
// "checked by the caller" (src/options.ts resolveOptions). `relations`, `triggers`, `rules` and
// `scheduledDelete` are not: a missing relations is a bare TypeError, and a triggers / rules value
// that is not what defineTriggers / defineRules return is accepted, then fails every write / read
// with a TypeError ("Cannot read properties of undefined (reading 'get')", "this.rules.evaluate is
// not a function") far from the mistake.

describe('createOrm checks relations, triggers, rules and scheduledDelete when the ORM is created', () => {
  it('without relations: a typed error naming relations, not a TypeError', () => {
    expect(outcome(() => createOrm({} as never))).toMatchObject({ name: 'OrmError' });
  });

  it('triggers that are not defineTriggers(...) output: INVALID_OPTION naming triggers', () => {
    // The hooks object itself, as one might pass it without defineTriggers.
    const hooks = { users: { afterInsert: async () => {} } };
    for (const triggers of [5, hooks]) {
      expect(outcome(() => createOrm({ relations, triggers: triggers as never }))).toEqual({
        name: 'OrmError',
        code: 'INVALID_OPTION',
        details: { option: 'triggers' },
      });
    }
  });

  it('rules that are not defineRules(...) output: INVALID_OPTION naming rules', () => {
    // The rule function itself, as one might pass it without defineRules.
    const ruleFunction = () => ({ users: { read: {} } });
    for (const rules of ['x', ruleFunction]) {
      expect(outcome(() => createOrm({ relations, rules: rules as never }))).toEqual({
        name: 'OrmError',
        code: 'INVALID_OPTION',
        details: { option: 'rules' },
      });
    }
  });

  it('a scheduledDelete that is not a function reference: INVALID_OPTION naming scheduledDelete', () => {
    // '' names no function: scheduler.runAfter would fail only when the first row is soft-deleted.
    for (const scheduledDelete of [7, '']) {
      expect(outcome(() => createOrm({ relations, scheduledDelete: scheduledDelete as never }))).toEqual({
        name: 'OrmError',
        code: 'INVALID_OPTION',
        details: { option: 'scheduledDelete' },
      });
    }
  });

  it('a scheduledDelete given by name is accepted', () => {
    expect(outcome(() => createOrm({ relations, scheduledDelete: 'deletions:scheduledDelete' as never }))).toBe(
      'accepted',
    );
  });
});
