import { createOrm, defineRelations } from 'convex-orm';
import { boolean, convexTable, defineSchema, index, integer, text } from '../../src/index';

/** Items on one index of two fields (`status`, then `rank`), for the pages tests: ranges merge on `rank`. */
export const items = convexTable(
  'items',
  { status: text().notNull(), rank: integer(), flag: boolean().notNull() },
  (t) => [index('by_status_rank').on(t.status, t.rank)],
);
const tables = { items };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, () => ({}));
export const orm = createOrm({ relations });
export type Row = { status: string; rank?: number | null; flag: boolean };
