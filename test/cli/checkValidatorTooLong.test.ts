// @vitest-environment node
// `migrate check` passes each table's validator JSON to the deployment's `check` through
// `npx convex run <module>:check '<json>'` (src/cli/transport.ts), which takes a function's
// arguments as one command-line argument and no other way. Linux refuses an argument over
// MAX_ARG_STRLEN (128 KiB) with E2BIG, so a table whose validator is longer (an enum of a few
// thousand values) cannot be checked (npx runs it through `sh -c`, so the whole quoted command
// must fit: test/cli/convexRunArgumentLimitUnderNpx.test.ts): the transport refuses the call before spawning
// (ArgumentsTooLong), and the check reports that table as not checked, checks the others, and
// exits 1 (it cannot say the documents pass), instead of a raw "spawn E2BIG".
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { ArgumentsTooLong, type CommandRunner, convexRunTransport, MAX_ARGUMENT_BYTES } from '../../src/cli/transport';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const values = Array.from({ length: 6000 }, (_, i) => `'code_${String(i).padStart(6, '0')}'`);
const SCHEMA = `
import { convexTable, defineSchema, text, textEnum } from 'convex-orm';
export const codes = convexTable('codes', { code: textEnum([${values.join(', ')}]).notNull() });
export const notes = convexTable('notes', { body: text().notNull() });
export default defineSchema({ codes, notes });
`;

describe('migrate check with a table validator longer than a command-line argument', () => {
  it('reports the table as not checked, checks the others, spawns nothing too long, exits 1', async () => {
    const dir = schemaProject(SCHEMA, { functionsModule: 'migrations' });
    const calls: { table: unknown; longest: number }[] = [];
    const run: CommandRunner = async (_command, args) => {
      calls.push({
        table: JSON.parse(args[3]!).table,
        longest: Math.max(...args.map((arg) => Buffer.byteLength(arg))),
      });
      return {
        code: 0,
        stdout: JSON.stringify({ scanned: 2, rejected: [], violations: [], continueCursor: '', isDone: true }),
        stderr: '',
      };
    };
    const transport = convexRunTransport({ module: 'migrations', prod: false, cwd: dir, run });
    const { io, output } = captureIo(dir, transport);
    const code = await runCli(['migrate', 'check'], io);
    expect(output.stderr).toBe('');
    expect(calls.map((call) => call.table)).not.toContain('codes');
    expect(calls.map((call) => call.table)).toContain('notes');
    expect(calls.every((call) => call.longest <= MAX_ARGUMENT_BYTES)).toBe(true);
    expect(output.stdout).toMatch(
      /\? codes: not checked: its validator is \d+ bytes of JSON, and `npx convex run` takes the check's arguments in one command-line argument, of at most 131071 bytes \(\d+ needed\)/,
    );
    expect(output.stdout).toContain('✓ notes: 2 documents, all valid');
    expect(output.stdout).toContain(
      "1 table could not be checked (above): their documents may fail the local schema's validators.",
    );
    expect(output.stdout).toContain("Every document checked passes the local schema's validators.");
    expect(code).toBe(1);
  });

  it('a batch whose call grows too long (its cursor) keeps what the batches before it found', async () => {
    const dir = schemaProject(SCHEMA, { functionsModule: 'migrations' });
    const transport = {
      call: async (_name: string, args: Record<string, unknown>) => {
        if (args.table !== 'notes')
          return { scanned: 0, rejected: [], violations: [], continueCursor: '', isDone: true };
        if (args.cursor !== null) throw new ArgumentsTooLong('migrations:check', 131_500);
        const rejected = [{ _id: 'n1', field: 'body', problem: 'missing' }];
        return { scanned: 3, rejected, violations: [], continueCursor: 'c1', isDone: false };
      },
    };
    const { io, output } = captureIo(dir, transport);
    expect(await runCli(['migrate', 'check'], io)).toBe(1);
    expect(output.stdout).toContain('✗ notes: 1 of 3 documents would be rejected');
    expect(output.stdout).toContain('      body (missing): 1 document, e.g. n1');
    expect(output.stdout).toMatch(
      /\? notes: not checked past its first 3 documents: its validator is \d+ bytes of JSON/,
    );
  });

  it('the transport refuses such a call with a typed error before spawning', async () => {
    let spawned = false;
    const run: CommandRunner = async () => {
      spawned = true;
      return { code: 0, stdout: 'null', stderr: '' };
    };
    const transport = convexRunTransport({ module: 'migrations', prod: false, cwd: '.', run });
    await expect(transport.call('check', { documentType: 'x'.repeat(MAX_ARGUMENT_BYTES) })).rejects.toMatchObject({
      name: 'CliError',
      message: expect.stringMatching(
        /^The arguments of `npx convex run migrations:check` make a \d+-byte command line/,
      ),
    });
    expect(spawned).toBe(false);
  });
});
