/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as deletions from "../deletions.js";
import type * as migrations from "../migrations.js";
import type * as migrations_20261201_014340_backfill_todo_priority from "../migrations/20261201_014340_backfill_todo_priority.js";
import type * as migrations_20261201_014345_trim_todo_titles from "../migrations/20261201_014345_trim_todo_titles.js";
import type * as migrations_manifest from "../migrations/manifest.js";
import type * as mutations from "../mutations.js";
import type * as orm from "../orm.js";
import type * as queries from "../queries.js";
import type * as users from "../users.js";
import type * as validators from "../validators.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  deletions: typeof deletions;
  migrations: typeof migrations;
  "migrations/20261201_014340_backfill_todo_priority": typeof migrations_20261201_014340_backfill_todo_priority;
  "migrations/20261201_014345_trim_todo_titles": typeof migrations_20261201_014345_trim_todo_titles;
  "migrations/manifest": typeof migrations_manifest;
  mutations: typeof mutations;
  orm: typeof orm;
  queries: typeof queries;
  users: typeof users;
  validators: typeof validators;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
