import { FilterExpression, type PlaceholderValueMap } from '../filter/expressions.js';
import { collectPlaceholders, Placeholder } from '../filter/placeholder.js';
import { checkPlaceholderValues } from '../query/placeholders.js';
import { CountTarget, countTargetOf } from './countTarget.js';
import type { SelectState } from './state.js';

/**
 * The state of a prepared select's execution (`state.prepared`) for its
 * placeholders' values: each operator expression holding placeholders
 * (`where`, a join's ON, `having`) made for them, checked as values given
 * directly are, and a `limit` / `offset` placeholder replaced by its value
 * (checked when parsed). A where-object keeps its placeholders: the parser
 * reads their values as operands, never as filter syntax. Throws
 * `INVALID_QUERY` unless the values give every placeholder the select uses,
 * and no other. A state not prepared is returned as is.
 */
export function bindSelect(state: SelectState): SelectState {
  const { prepared } = state;
  if (!prepared) return state;
  checkPlaceholderValues(prepared.names, prepared.values, prepared.label);
  const values = (prepared.values ?? {}) as PlaceholderValueMap;
  return {
    ...state,
    ...(state.fields ? { fields: boundFields(state.fields, values) } : {}),
    joins: state.joins.map((join) => ({ ...join, on: bound(join.on, values) })),
    ...(state.where ? { where: { filter: bound(state.where.filter, values) } } : {}),
    ...(state.having ? { having: { filter: bound(state.having.filter, values) } } : {}),
    ...(state.limit instanceof Placeholder ? { limit: values[state.limit.name] } : {}),
    ...(state.offset instanceof Placeholder ? { offset: values[state.offset.name] } : {}),
  };
}

/** The names of the placeholders the select uses: in its operators' values, its where-object, `limit` and `offset`. */
export function placeholderNames(state: SelectState): Set<string> {
  const names = new Set<string>();
  const filters = [
    state.where?.filter,
    state.having?.filter,
    ...state.joins.map((join) => join.on),
    // A selected $count's filter.
    ...Object.values(state.fields ?? {}).flatMap((value) => countTargetOf(value)?.filter ?? []),
  ];
  for (const filter of filters) {
    if (filter instanceof FilterExpression) for (const name of filter.placeholders?.names ?? []) names.add(name);
    else collectPlaceholders(filter, names);
  }
  collectPlaceholders([state.limit, state.offset], names);
  return names;
}

/** The selection with each selected `$count`'s filter made for `values`. */
function boundFields(fields: Readonly<Record<string, unknown>>, values: PlaceholderValueMap): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => {
      const target = countTargetOf(value);
      return [
        key,
        target
          ? new CountTarget(
              target.table,
              target.filter.map((filter) => bound(filter, values)),
            )
          : value,
      ];
    }),
  );
}

/** `filter` made for `values` when it is an operator expression holding placeholders, else `filter` itself. */
const bound = (filter: unknown, values: PlaceholderValueMap): unknown =>
  filter instanceof FilterExpression ? filter.bound(values) : filter;
