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
    expect(result.stdout).toContain('=== Queries: users with their latest post (per-parent limit through by_author)');
    expect(result.stdout).toContain(
      'with posts: posts via index by_author [authorId = "?"]; order: index desc; load: per parent, take(1)',
    );
    expect(result.stdout).toContain('{"name":"Ada","posts":[{"title":"Indexes"}]}');
    expect(result.stdout).toContain('reads: 9 documents, 6 index ranges');
    expect(result.stdout).toContain('residual: exists posts(title like "Intro%")');
    expect(result.stdout).toContain('reads: 2 documents, 3 index ranges');
    expect(result.stdout.trim().endsWith('Demo finished.')).toBe(true);
  }, 120_000);
});
