import { createOrm, defineRelations, isOrmError } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, index, integer, text } from '../../src/index';

// A component's `.paginate()` refused on convex 1.31-1.35 (no ctx.meta), with the message user code
// really gets, is recognised: the backend rejects the syscall's promise with
// `new Error(e.user_facing_message())` (crates/isolate/src/environment/helpers/promise.rs), which is
// ErrorMetadata's Display, `#[error("{msg}")]` (crates/errors/src/lib.rs): the msg only, never the
// short code 'PaginationUnsupportedInComponents'; convex/server's performAsyncSyscall rethrows
// `new Error(e.message)` (node_modules/convex/dist/esm/server/impl/syscall.js). So the refusal is
//   'paginate() is only supported in the app. Learn more at https://docs.convex.dev/components/authoring#pagination'
// (crates/isolate/src/environment/udf/async_syscall.rs query_page; older backends end after "app."),
// and the page is served by index keys.
const posts = convexTable('posts', { status: text().notNull(), publishedAt: integer().notNull() }, (t) => [
  index('by_status').on(t.status, t.publishedAt),
]);
const tables = { posts };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });

const published = {
  where: { status: 'published' },
  orderBy: { publishedAt: 'desc' },
  columns: { publishedAt: true },
} as const;

/** What user code catches from a component's `.paginate()` on the real backend (msg only, no short_msg). */
const AS_USER_CODE_SEES_IT =
  'paginate() is only supported in the app. Learn more at https://docs.convex.dev/components/authoring#pagination';
/** The same on backends before the "Learn more" sentence was added. */
const AS_OLDER_BACKENDS_SAY_IT = 'paginate() is only supported in the app.';

/** `value` with every `.paginate()` reachable through its query chain rejecting with `new Error(message)`. */
function refusingPaginate<T extends object>(value: T, message: string): T {
  return new Proxy(value, {
    get(target, key, receiver) {
      if (key === 'paginate') return () => Promise.reject(new Error(message));
      const member = Reflect.get(target, key, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const result = member.apply(target, args);
        return result !== null && typeof result === 'object' && !(result instanceof Promise)
          ? refusingPaginate(result, message)
          : result;
      };
    },
  });
}

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 10; i++) await ctx.db.insert('posts', { status: 'published', publishedAt: i });
  });
  return t;
}

describe('a page inside a Convex component on convex 1.31-1.35, refused with the message user code really gets', () => {
  for (const [name, message] of [
    ['current backend', AS_USER_CODE_SEES_IT],
    ['older backend', AS_OLDER_BACKENDS_SAY_IT],
  ] as const) {
    it(`is served by index keys, not Convex's raw error (${name})`, async () => {
      const t = await backend();
      const outcome = await t.run(async (ctx) => {
        const componentCtx = { db: refusingPaginate(ctx.db, message), auth: ctx.auth };
        try {
          const page = await orm.db(componentCtx as any).query.posts.paginate({ numItems: 3, cursor: null }, published);
          return { page: page.page.map((row: { publishedAt: number }) => row.publishedAt) };
        } catch (error) {
          return { error: isOrmError(error) ? `OrmError ${error.code}` : `raw: ${String(error)}` };
        }
      });
      expect(outcome).toEqual({ page: [9, 8, 7] });
    });
  }
});
