import { convexToJson, type Value } from 'convex/values';
import { valueLimitProblem } from '../limits/valueLimits.js';

/** Characters of a value's JSON that a report keeps (`migrate check`, dry-run samples). */
export const PREVIEW_CHARS = 120;

/** A value's JSON, cut to {@link PREVIEW_CHARS} (with `…`); `undefined` for an absent value. */
export function preview(value: unknown): string | undefined {
  return value === undefined ? undefined : cut(jsonOf(value));
}

/**
 * A value as a stored report shows it, at `depth` of the document that stores it (Convex's
 * nesting count, the document being 1): the value itself while its JSON is short and it nests
 * within Convex's 16 levels there, else its {@link preview} (a string), so a report of large
 * documents stays far from Convex's 1 MiB, and one of deep values within its nesting (a value
 * that fit its own document may not fit several levels down a report). A value holding
 * `ctx.db.vars.commitTs` is its preview too: kept as it is, the report would store the commit
 * time of the report's own write, and a dry run's report, carried in an error, could not be
 * serialized (the placeholder's `toJSON` throws).
 */
export function reportValue(value: unknown, depth: number): unknown {
  const json = jsonOf(value);
  return json.length > PREVIEW_CHARS || json.includes(COMMIT_TS_JSON) || valueLimitProblem(value, depth) !== null
    ? cut(json)
    : value;
}

/** `ctx.db.vars.commitTs` in Convex's JSON: no field of a stored value starts with `$`, so only it reads so. */
const COMMIT_TS_JSON = '{"$commitTs":null}';

const jsonOf = (value: unknown) => JSON.stringify(convexToJson(value as Value));
const cut = (json: string) => (json.length > PREVIEW_CHARS ? `${json.slice(0, PREVIEW_CHARS)}…` : json);
