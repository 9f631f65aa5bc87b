// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('runs the example app end to end and prints each section', () => {
    const result = spawnSync('npx', ['tsx', 'example/demo/main.ts'], { encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr.replace(/npm warn.*\n?/g, '')).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('=== Schema: tables become Convex validators and indexes');
    expect(result.stdout).toMatch(/rejected: Validator error: Expected one of literal, literal, got `"owner"`/);
    expect(result.stdout).toContain('INVALID_SCHEMA: Index name "by_id" in table "bad" is reserved by Convex');
    expect(result.stdout).toContain('=== Mutations: insert ... returning');
    expect(result.stdout).toContain('{"age":null,"id":"000000…","name":"Grace","role":"admin","verified":false}');
    expect(result.stdout).toContain('{"email":"ada@example.com","name":"Ada Lovelace","verified":true}');
    expect(result.stdout).toContain('before: users 3, posts 3, comments 3');
    expect(result.stdout).toContain('after:  users 2, posts 0, comments 0');
    expect(result.stdout).toMatch(
      /UNIQUE_VIOLATION: Duplicate email = "grace@example\.com" in "users" violates unique constraint "users_email_unique"/,
    );
    expect(result.stdout).toContain('users still 2 (the valid first row was not written either)');
    expect(result.stdout).toContain('=== Queries: users with their latest post (per-parent limit through by_author)');
    expect(result.stdout).toContain(
      'with posts: posts via index by_author [authorId = "?"]; order: index desc; load: per distinct parent key, take(1); one range over the key span past half the ranges left',
    );
    expect(result.stdout).toContain('{"name":"Ada","posts":[{"title":"Indexes"}]}');
    expect(result.stdout).toContain('reads: 9 documents, 6 index ranges');
    expect(result.stdout).toContain('residual: exists posts(title like "Intro%")');
    expect(result.stdout).toContain('exists posts: posts via index by_author [authorId = "?"]');
    expect(result.stdout).toContain('reads: 2 documents, 3 index ranges');
    expect(result.stdout).toContain('=== Migrations: status before');
    expect(result.stdout).toMatch(
      /Pending \(2\):\n {2}· \d{8}_\d{6}_backfill_todo_priority\n {2}· \d{8}_\d{6}_trim_todo_titles/,
    );
    expect(result.stdout).toMatch(
      /Dry run of migrate up: 2 migrations, 8 documents processed, 4 would change, 4 chunks in [\d.]+s\. Nothing was written\./,
    );
    expect(result.stdout).toMatch(/Migrate up completed: 2 migrations, 8 documents processed, 4 changed, 4 chunks/);
    expect(result.stdout).toMatch(
      /Applied \(2\):\n {2}✓ \d{8}_\d{6}_backfill_todo_priority\n {2}✓ \d{8}_\d{6}_trim_todo_titles\nPending \(0\):/,
    );
    expect(result.stdout).toContain('{"priority":"medium","title":"buy milk"}');
    expect(result.stdout).not.toContain('(exit 1)');
    expect(result.stdout.trim().endsWith('Demo finished.')).toBe(true);
  }, 120_000);
});
