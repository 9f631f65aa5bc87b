// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColdCell } from '../../bench/coldContext';
import { tinyConfig } from '../../bench/config';
import type { BenchResults } from '../../bench/report';
import type { RowChangeResults } from '../../bench/rowChanges';
import type { SearchPagesResults } from '../../bench/searchPages';
import type { SharedReadsResults } from '../../bench/sharedReads';

// A smoke run of the whole harness (`npm run bench -- --tiny`) on tiny data:
// it checks the harness measures what it claims, not the contenders' speed.
const out = mkdtempSync(join(tmpdir(), 'bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench -- --tiny', () => {
  const run = spawnSync('node', ['--expose-gc', '--import', 'tsx', 'bench/main.ts', '--tiny', '--out', out], {
    encoding: 'utf8',
    timeout: 240_000,
  });

  it('exits cleanly and prints the summary', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('convex-orm bench summary');
    expect(run.stdout).toMatch(/bundle: .* kB min/);
  });

  it('counts the floor reads exactly: what hand-written ctx.db code must read', () => {
    const results: BenchResults = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const floor = (id: 1 | 2 | 6 | 7 | 8) => {
      const cell = results.workloads[id].floor;
      if (cell?.status !== 'ok') throw new Error(`floor workload ${id}: ${JSON.stringify(cell)}`);
      return cell.counted;
    };
    expect(floor(1)).toMatchObject({ documents: 1, ranges: 1, rows: 1, documentsWritten: 0 });
    expect(floor(2)).toMatchObject({ documents: 20, ranges: 1, rows: 20 });
    expect(floor(6)).toMatchObject({ documents: 60, ranges: 3, rows: 60 });
    expect(floor(7)).toMatchObject({ documents: 0, ranges: tinyConfig.inserts, documentsWritten: tinyConfig.inserts });
    expect(floor(8)).toMatchObject({
      documents: tinyConfig.prolificPosts,
      ranges: 1,
      documentsWritten: tinyConfig.prolificPosts,
    });
    expect(floor(1).bytesRead).toBeGreaterThan(0);
    for (const cell of Object.values(results.workloads[1])) {
      expect(cell).toMatchObject({ status: 'ok', counted: { rows: 1 } });
      if (cell?.status === 'ok') {
        expect(cell.timesMs).toHaveLength(tinyConfig.runs);
        expect(cell.cpuTimesWithoutForcedGcMs).toHaveLength(tinyConfig.runs);
        expect(cell.cpuTimesAfterMinorGcMs).toHaveLength(tinyConfig.runs);
      }
    }
  });

  it('runs the select workloads: convex-orm reads exactly what the floor reads, same rows', () => {
    const results: BenchResults = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    for (const id of ['S1', 'S2', 'S2p'] as const) {
      const [floor, orm] = (['floor', 'convex-orm'] as const).map((key) =>
        results.selects.find((r) => r.id === id && r.contender === key),
      );
      expect(floor?.rows).toBeGreaterThan(0);
      expect(orm).toMatchObject({ documents: floor!.documents, ranges: floor!.ranges, rows: floor!.rows });
    }
  });

  it('runs the scheduled-delete drain section to the end for both contenders', () => {
    const { drain } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      drain: Record<'floor' | 'convex-orm', { left: number; documentsWritten: number; transactions: number }>;
    };
    for (const key of ['floor', 'convex-orm'] as const) {
      // The task and its notes, all deleted.
      expect(drain[key]).toMatchObject({ left: 0, documentsWritten: tinyConfig.drainNotes + 1 });
      expect(drain[key].transactions).toBeGreaterThanOrEqual(1);
    }
  });

  it('runs the backfill to completion for every contender and measures type-check and bundles', () => {
    const results: BenchResults = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    for (const backfill of results.backfill) {
      expect(backfill).toMatchObject({ error: null, documentsBackfilled: tinyConfig.backfillDocs });
      expect(backfill.transactions).toBeGreaterThanOrEqual(tinyConfig.backfillDocs / tinyConfig.backfillBatch);
    }
    // Both checkers (TypeScript 7 and the pinned 5.x), each with convex-orm far below better-convex.
    const versions = [...new Set(results.typecheck.map((r) => r.typescript))];
    expect(versions.map((version) => version.split('.')[0]).sort()).toEqual(['5', '7']);
    for (const typescript of versions) {
      const [orm, better] = ['convex-orm', 'better-convex'].map((library) =>
        results.typecheck.find((r) => r.library === library && r.typescript === typescript),
      );
      expect(orm).toMatchObject({ errors: null });
      expect(better).toMatchObject({ errors: null });
      expect(better!.instantiations).toBeGreaterThan(0);
      expect(orm!.instantiations).toBeLessThan(better!.instantiations / 2);
    }
    expect(results.bundles.map((b) => b.library)).toEqual(['convex-orm', 'better-convex', 'convex-ents']);
    for (const bundle of results.bundles) expect(bundle.gzipBytes).toBeLessThan(bundle.minBytes);
  });

  it('counts the row-change workloads: the trigger writes what the floor writes; soft-deleted rows cost no reads', () => {
    const results: BenchResults & { rowChanges: RowChangeResults } = JSON.parse(
      readFileSync(join(out, 'results.json'), 'utf8'),
    );
    const { trigger, softDeletedList } = results.rowChanges;
    const { inserts } = tinyConfig;
    expect(trigger.floor.counted).toMatchObject({ documents: inserts, documentsWritten: 2 * inserts });
    // The hook's set((project) => ...) update reads the project once, as the floor's get does; the
    // insert's foreign-key check reads it once more.
    expect(trigger['convex-orm'].counted).toMatchObject({ documents: inserts + 1, documentsWritten: 2 * inserts });
    // convex-helpers' wrapped db reads each document it writes (the trigger's newDoc, a patch's old and new).
    expect(trigger['convex-helpers'].counted).toMatchObject({ documents: 4 * inserts, documentsWritten: 2 * inserts });
    for (const cell of [
      ...Object.values(results.rowChanges.triggerAfterMinorGc),
      ...Object.values(results.rowChanges.triggerWithoutForcedGc),
    ]) {
      expect(cell.medianCpuMs).toBeGreaterThan(0);
    }
    const live = inserts - inserts / 10;
    expect(softDeletedList.floor.counted).toMatchObject({ documents: live, ranges: 1, rows: live });
    expect(softDeletedList['convex-orm'].counted).toMatchObject({ documents: live, ranges: 1, rows: live });
  });

  it('reads an OR across fields as the floor merging its two ranges by hand', () => {
    const { searchPages } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      searchPages: SearchPagesResults;
    };
    const { floor, 'convex-orm': orm } = searchPages.orAcross;
    expect(floor.counted).toMatchObject({ rows: 20, ranges: 2 });
    expect(orm.counted).toMatchObject({ rows: 20, ranges: 2, documents: floor.counted.documents });
    // 20 rows, and one row ahead in the range the last one did not come from.
    expect(floor.counted.documents).toBe(21);
  });

  it('reads a relation asked for twice as the floor does, once', () => {
    const { sharedReads } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      sharedReads: SharedReadsResults;
    };
    for (const cells of Object.values(sharedReads)) {
      expect(cells['convex-orm'].counted).toMatchObject({
        documents: cells.floor.counted.documents,
        ranges: cells.floor.counted.ranges,
        rows: cells.floor.counted.rows,
      });
      expect(cells.floor.counted.rows).toBeGreaterThan(0);
    }
  });

  it('runs the lookup in a fresh context per contender; the floor bundle holds no ORM', () => {
    const { coldContexts } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      coldContexts: Record<string, ColdCell>;
    };
    expect(Object.keys(coldContexts).sort()).toEqual(['better-convex', 'convex-ents', 'convex-orm', 'floor']);
    for (const cell of Object.values(coldContexts)) {
      expect(cell.found).toBe(true);
      expect(cell.requestCpuMs).toBeGreaterThanOrEqual(cell.evaluateCpuMs);
    }
    // Convex's own runtime is in every bundle; the floor's is that alone.
    expect(coldContexts.floor!.bundleBytes).toBeLessThan(coldContexts['convex-orm']!.bundleBytes / 2);
  });

  it('writes results.md with one table per figure, and one SVG chart per figure family', () => {
    const markdown = readFileSync(join(out, 'results.md'), 'utf8');
    expect(markdown).toContain(`Node ${process.version}`);
    for (const heading of [
      'Documents scanned',
      'Index ranges opened',
      'Bytes read',
      'Documents written',
      'Wall time',
      'Select workloads (db.select: joins, groupBy)',
      'Workload 10: backfill',
      'Type-check',
      'Bundle size',
      'Row changes: triggers and soft delete',
      'A relation asked for twice, read once',
      'A request in a fresh context',
    ]) {
      expect(markdown).toContain(`## ${heading}`);
    }
    const charts = readdirSync(join(out, 'charts')).sort();
    expect(charts).toEqual([
      'backfill.svg',
      'bundle.svg',
      'bytes.svg',
      'documents.svg',
      'ranges.svg',
      'time.svg',
      'typecheck.svg',
      'writes.svg',
    ]);
    for (const chart of charts)
      expect(readFileSync(join(out, 'charts', chart), 'utf8')).toMatch(/^<svg [\s\S]*<\/svg>\n$/);
  });
}, 240_000);
