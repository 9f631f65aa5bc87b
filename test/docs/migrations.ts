// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/**
 * The code of docs/migrations.md on the example app, type-checked by `tsc` (its testing block is
 * migrations.tester.test.ts, which runs); migrations.test.ts checks that every ```ts block of the
 * guide appears in one of them verbatim (up to indentation and the paths of the example app's modules).
 */
import { boolean, convexTable, text, textEnum } from 'convex-orm';

// convex/migrations.ts
import { defineMigrationFunctions } from 'convex-orm/migrations';
import { internal } from '../../example/convex/_generated/api';
import { internalMutation, internalQuery } from '../../example/convex/_generated/server';
import { migrations } from '../../example/convex/migrations/manifest';
import { orm } from '../../example/convex/orm'; // createOrm({ relations })

export const { run, runChunk, status, cancel, check, backfillAggregates, repairAggregates } =
  defineMigrationFunctions({ orm, migrations, internalMutation, internalQuery, self: internal.migrations });

export const todos = convexTable('todos', {
  title: text().notNull(),
  done: boolean().notNull().default(false),
  priority: textEnum(['low', 'medium', 'high']),          // nullable: old todos have none
});

import { defineMigration } from 'convex-orm/migrations';
import type { DataModel } from '../../example/convex/_generated/dataModel.js';

export const migration = defineMigration<DataModel>({
  id: '20261201_014340_backfill_todo_priority',
  description: 'backfill todo priority to medium for existing rows',
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => {
      if (doc.priority === undefined || doc.priority === null) return { priority: 'medium' };
    },
  },
  down: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => (doc.priority === 'medium' ? { priority: undefined } : undefined),
  },
});
