import { convexTable, getTableConfig, index, isOrmError, text } from 'convex-orm';
import { api } from '../convex/_generated/api';
import { posts, users } from '../convex/schema';
import { section, show, startBackend } from './harness';

/** The schema layer: tables, generated validators and indexes, Convex rejecting invalid documents. */
export async function schemaDemo(): Promise<void> {
  section('Schema: tables become Convex validators and indexes');
  const config = getTableConfig(posts);
  show('posts columns', Object.keys(config.columns));
  show('posts indexes (by_author declared; none added: it starts with the FK column)', config.indexes);
  show('users indexes (email_unique added for .unique())', getTableConfig(users).indexes);

  const t = startBackend();
  const id = await t.mutation(api.users.createRaw, {
    user: { name: 'Ada', email: 'ada@example.com', role: 'admin', verified: true },
  });
  show('inserted through a Convex function', await t.query(api.users.list, {}));
  console.log(`(age is absent: nullable columns accept absent, null or a value; id ${id.slice(0, 6)}…)`);

  section('Schema: Convex enforces the generated validator');
  try {
    await t.mutation(api.users.createRaw, { user: { name: 'Bob', email: 'bob@x', role: 'owner', verified: true } });
  } catch (error) {
    console.log('rejected:', (error as Error).message.split('\n')[0]);
  }

  section('Schema: definition-time validation');
  try {
    convexTable('bad', { title: text() }, (t) => [index('by_id').on(t.title)]);
  } catch (error) {
    if (isOrmError(error)) console.log(`${error.code}: ${error.message}`);
  }
}
