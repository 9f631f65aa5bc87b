import type { GenericDatabaseReader } from 'convex/server';
import { describe, expect, it } from 'vitest';
import { meteredDb } from '../../src/limits/meteredDb';
import { TransactionMeter } from '../../src/limits/transactionMeter';

describe('meteredDb', () => {
  it('answers normalizeId once per table and id (a syscall on Convex), null answers included', () => {
    const asked: string[] = [];
    const raw = {
      normalizeId(table: string, id: string) {
        asked.push(`${table}/${id}`);
        return id.startsWith(`${table}:`) ? id : null;
      },
    } as unknown as GenericDatabaseReader<any>;
    const db = meteredDb(raw, new TransactionMeter(null));
    const answers = [
      db.normalizeId('posts', 'posts:1'),
      db.normalizeId('posts', 'posts:1'),
      db.normalizeId('users', 'posts:1'),
      db.normalizeId('users', 'posts:1'),
      db.normalizeId('posts', 'posts:2'),
    ];
    expect(answers).toEqual(['posts:1', 'posts:1', null, null, 'posts:2']);
    expect(asked).toEqual(['posts/posts:1', 'users/posts:1', 'posts/posts:2']);
  });
});
