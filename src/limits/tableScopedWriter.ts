import type { GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';

/**
 * `db.table(name)` over the writer `db`: Convex's table-scoped writer (`get`, `query`, `insert`,
 * `patch`, `replace`, `delete` of one table), each call made as `db`'s own with the table named
 * first, which is what Convex's does (Convex 1.31+). So a view of a writer that meters its reads
 * and reserves its writes does the same for those made through `table(name)`.
 */
export class TableScopedWriter {
  constructor(
    private readonly db: GenericDatabaseWriter<any>,
    private readonly name: string,
  ) {}

  get(id: GenericId<string>) {
    return this.db.get(this.name, id);
  }

  query() {
    return this.db.query(this.name);
  }

  insert(value: Record<string, unknown>) {
    return this.db.insert(this.name, value);
  }

  patch(id: GenericId<string>, value: Record<string, unknown>) {
    return this.db.patch(this.name, id, value);
  }

  replace(id: GenericId<string>, value: Record<string, unknown>) {
    return this.db.replace(this.name, id, value);
  }

  delete(id: GenericId<string>) {
    return this.db.delete(this.name, id);
  }
}
