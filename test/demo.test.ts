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
    expect(result.stdout.trim().endsWith('Demo finished.')).toBe(true);
  }, 120_000);
});
