// @vitest-environment node
// A nested field named `__proto__` in a deployed schema (found by review): `pull` wrote it as a
// plain object-literal key (`objectOf({ __proto__: text().notNull(), ... })`), which in JavaScript
// sets the object's prototype, so the pulled schema loaded without the field and exited 0: its
// next deploy would have refused the stored documents. No ORM write can give such a field
// (JavaScript cannot hand it to Convex), and objectOf / custom refuse it, so pull stops with exit
// 1, writes nothing and names the table and the field's path (docs/tooling.md "Pull").
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { jsonSource, tsKey, valueSource } from '../../src/cli/source';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

describe('pull and a field named __proto__', () => {
  it.each([
    ['an object field', `v.object({ ['__proto__']: v.string(), a: v.string() })`, 'o.__proto__'],
    [
      'a union member, in an array',
      `v.array(v.union(v.object({ ['__proto__']: v.number() }), v.string()))`,
      'o[].__proto__',
    ],
  ])('refuses %s, naming the table and the path', async (_case, validator, path) => {
    const dir = schemaProject(`
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({ e: defineTable({ o: ${validator} }) });
`);
    const { io, output } = captureIo(dir, { call: async () => null });
    expect(await runCli(['pull'], io)).toBe(1);
    expect(existsSync(join(dir, 'convex/ormSchema.ts'))).toBe(false);
    expect(output.stderr).toContain(`Table "e" declares the field ${path}`);
  });
});

describe('generated source keeps a __proto__ key a field', () => {
  const own = (source: string) => new Function(`return (${source});`)() as object;

  it('tsKey / valueSource write it computed', () => {
    expect(tsKey('__proto__')).toBe("['__proto__']");
    const value = own(valueSource(JSON.parse('{"__proto__": 1, "a": {"__proto__": [2]}}')));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe('{"__proto__":1,"a":{"__proto__":[2]}}');
  });

  it('jsonSource writes it computed, and leaves the same text inside a string as it is', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "s": "{\\"__proto__\\":1}", "l": ["__proto__", ":"]}');
    expect(JSON.stringify(own(jsonSource(value)))).toBe(JSON.stringify(value));
  });
});
