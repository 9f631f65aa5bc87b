import { createOrm, defineRelations, isOrmError } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, index, integer, text } from '../../src/index';

// A page inside a Convex component on convex 1.31-1.35 (the peer range allows them): those have no
// `ctx.meta`, so the ORM cannot ask `getFunctionMetadata()` whether it runs in a component, and real
// Convex refuses `.paginate()` there before reading anything (convex-backend
// crates/isolate/src/environment/udf/async_syscall.rs query_page), rejecting with the user-facing text
// "paginate() is only supported in the app. Learn more at https://docs.convex.dev/components/authoring#pagination"
// (its short code PaginationUnsupportedInComponents never reaches user code: the backend rejects the
// syscall's promise with `new Error(e.user_facing_message())`, crates/isolate/src/environment/helpers/
// promise.rs, which is ErrorMetadata's Display `#[error("{msg}")]`, crates/errors/src/lib.rs, and
// convex/server's performAsyncSyscall rethrows `new Error(e.message)`; older backends end after "app.").
// The refusal teaches the ORM: the page is read by index keys, exactly as a page in a component it
// knows of (rows, cursors, reads, no range counted for the refused call), later pages of the function
// do not try `.paginate()` again, and any other `.paginate()` error still rejects. convex-test
// enforces none of this: the fake below is a component's ctx on convex 1.31-1.35 (no `meta`, and a
// `.paginate()` that fails as the backend fails it).
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

const REFUSED_IN_COMPONENT =
  'paginate() is only supported in the app. Learn more at https://docs.convex.dev/components/authoring#pagination';
/** The same on backends before the "Learn more" sentence was added. */
const REFUSED_ON_OLDER_BACKENDS = 'paginate() is only supported in the app.';

/** `value` with every `.paginate()` reachable through its query chain failing with `message`; `calls` counts them. */
function refusingPaginate<T extends object>(value: T, message: string, calls = { paginate: 0 }): T {
  return new Proxy(value, {
    get(target, key, receiver) {
      if (key === 'paginate') {
        return () => {
          calls.paginate++;
          return Promise.reject(new Error(message));
        };
      }
      const member = Reflect.get(target, key, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const result = member.apply(target, args);
        return result !== null && typeof result === 'object' && !(result instanceof Promise)
          ? refusingPaginate(result, message, calls)
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

type Ctx = Parameters<Parameters<Awaited<ReturnType<typeof backend>>['run']>[0]>[0];

/** Two pages of 3 in one function, with the reads counted. */
async function twoPages(db: Ctx['db'], meta?: object) {
  const { ctx, reads } = countReads({ db });
  const ormDb = orm.db({ ...ctx, ...(meta ? { meta } : {}) } as any);
  const first = await ormDb.query.posts.paginate({ numItems: 3, cursor: null }, published);
  const second = await ormDb.query.posts.paginate({ numItems: 3, cursor: first.continueCursor }, published);
  return { pages: [first, second], reads: { ...reads } };
}

describe('a page inside a Convex component on a convex version the peer range allows (no ctx.meta)', () => {
  for (const [backendAge, message] of [
    ['current backend', REFUSED_IN_COMPONENT],
    ['older backend', REFUSED_ON_OLDER_BACKENDS],
  ] as const) {
    it(`is served by index keys, never Convex’s raw refusal (${backendAge})`, async () => {
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
      // The page by index keys, as the ORM serves every page in a component it knows of.
      expect(outcome).toEqual({ page: [9, 8, 7] });
    });
  }

  it('gives the pages, cursors and reads of a component the ORM knows of, and asks .paginate() once', async () => {
    const t = await backend();
    const known = await t.run((ctx) =>
      // What getFunctionMetadata() says in a component's function (convex-test runs the app's).
      twoPages(ctx.db, {
        ...ctx.meta,
        getFunctionMetadata: async () => ({ name: 'posts:list', componentPath: 'blog' }),
      }),
    );
    const calls = { paginate: 0 };
    const learnt = await t.run((ctx) => twoPages(refusingPaginate(ctx.db, REFUSED_IN_COMPONENT, calls)));
    // The refused call opened no range (Convex refuses before it reads): the reads are the pages' own.
    expect(learnt).toEqual(known);
    expect(known.pages.map((page) => page.page)).toEqual([
      [{ publishedAt: 9 }, { publishedAt: 8 }, { publishedAt: 7 }],
      [{ publishedAt: 6 }, { publishedAt: 5 }, { publishedAt: 4 }],
    ]);
    // The second page knew the function runs in a component.
    expect(calls.paginate).toBe(1);
  });

  it('does not count the refused .paginate() against the index-range budget', async () => {
    const t = await backend();
    // The first page by index keys reads one range: a budget of one fits it only when the refused call opened none.
    const oneRange = createOrm({ relations, transactionBudget: { indexRanges: 1 } });
    const page = await t.run(async (ctx) => {
      const componentCtx = { db: refusingPaginate(ctx.db, REFUSED_IN_COMPONENT), auth: ctx.auth };
      return oneRange.db(componentCtx as any).query.posts.paginate({ numItems: 3, cursor: null }, published);
    });
    expect(page.page).toEqual([{ publishedAt: 9 }, { publishedAt: 8 }, { publishedAt: 7 }]);
  });

  it('any other error of .paginate() still rejects the page', async () => {
    const t = await backend();
    const failed = await t.run(async (ctx) => {
      const db = refusingPaginate(ctx.db, 'InternalServerError: the database is away');
      return orm
        .db({ db, auth: ctx.auth } as any)
        .query.posts.paginate({ numItems: 3, cursor: null }, published)
        .then(
          () => 'served',
          (error: unknown) => String(error),
        );
    });
    expect(failed).toBe('Error: InternalServerError: the database is away');
  });
});
