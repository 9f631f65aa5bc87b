/** The `./_generated/server` and `./_generated/api` of the app docs/queries.md assumes. */
import {
  type ActionBuilder,
  type ApiFromModules,
  actionGeneric,
  type DataModelFromSchemaDefinition,
  type FilterApi,
  type FunctionReference,
  internalQueryGeneric,
  type QueryBuilder,
  queryGeneric,
} from 'convex/server';
import type schema from './queries.schema';
import type * as posts from './queries.vector';

type DataModel = DataModelFromSchemaDefinition<typeof schema>;
export const query: QueryBuilder<DataModel, 'public'> = queryGeneric;
export const internalQuery: QueryBuilder<DataModel, 'internal'> = internalQueryGeneric;
export const action: ActionBuilder<DataModel, 'public'> = actionGeneric;
/** As Convex's generated api.d.ts declares it (type-checked, never run). */
export declare const internal: FilterApi<ApiFromModules<{ posts: typeof posts }>, FunctionReference<any, 'internal'>>;
