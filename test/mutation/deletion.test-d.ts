import { describe, expectTypeOf, it } from 'vitest';
import { projects, type relations } from '../../example/convex/schema';
import { eq, type InferSelectModel, type OrmWriter } from '../../src/index';

declare const db: OrmWriter<typeof relations>;

describe('soft delete types', () => {
  it('delete(t).hard() is a delete builder; withDeleted is a root query option', () => {
    expectTypeOf(db.delete(projects).hard().where(eq(projects.name, 'x'))).resolves.toEqualTypeOf<void>();
    expectTypeOf(db.delete(projects).hard().all().returning()).resolves.toEqualTypeOf<
      InferSelectModel<typeof projects>[]
    >();
    db.query.projects.findMany({ withDeleted: true, limit: 1 });
    db.query.projects.count({ withDeleted: false });
    // @ts-expect-error withDeleted is a boolean
    db.query.projects.findMany({ withDeleted: 'yes' });
    // @ts-expect-error withDeleted applies to the whole query, not per relation
    db.query.tasks.findMany({ with: { project: { withDeleted: true } } });
    // @ts-expect-error hard() is a delete option
    db.update(projects).hard();
  });
});
