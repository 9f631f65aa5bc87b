import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFunctionReference } from 'convex/server';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { inProcessTransport } from '../../src/cli/transport';
import { section, show, startBackend } from './harness';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The optional → required walk-through of docs/migrations.md, with the real CLI talking to the
 * example app in-process (convex-test) instead of `npx convex run`.
 */
export async function migrationsDemo(): Promise<void> {
  const t = startBackend();
  await t.run(async (ctx) => {
    await ctx.db.insert('todos', { title: '  buy milk ', done: false });
    await ctx.db.insert('todos', { title: 'ship the release', done: true, priority: 'high' });
    await ctx.db.insert('todos', { title: 'water plants', done: false, priority: null });
    await ctx.db.insert('todos', { title: 'call mom', done: false });
  });
  const io: CliIo = {
    cwd: exampleDir,
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stdout.write(text) },
    transport: () => inProcessTransport(t, 'migrations', makeFunctionReference),
    run: async () => ({ code: 1, stdout: '', stderr: 'the demo does not deploy' }),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
  };
  const cli = async (...argv: string[]) => {
    console.log(`\n$ convex-orm ${argv.join(' ')}`);
    const code = await runCli(argv, io);
    console.log(`(exit ${code})`);
  };

  section('Migrations: status before (todos have no priority yet)');
  await cli('migrate', 'status');
  section('Migrations: dry run (the whole table, nothing written)');
  await cli('migrate', 'up', '--dry-run', '--batch-size', '2');
  section('Migrations: up');
  await cli('migrate', 'up', '--batch-size', '2');
  section('Migrations: status after');
  await cli('migrate', 'status');
  show(
    'todos (every priority set: the column can now become .notNull())',
    await t.run(async (ctx) =>
      (await ctx.db.query('todos').collect()).map(({ title, priority }) => ({ title, priority })),
    ),
  );
}
