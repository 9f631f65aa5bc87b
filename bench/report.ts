import type { BackfillResult } from './backfill.js';
import type { BundleResult } from './bundle.js';
import type { Chart } from './chart.js';
import type { BenchConfig } from './config.js';
import type { ContenderKey, WorkloadId } from './contender.js';
import type { LimitsResult } from './limits.js';
import { limitsSummary, renderLimits } from './limitsReport.js';
import { type Cell, STEADY_WARM_UPS, type WorkloadResults } from './runWorkloads.js';
import type { SelectBenchResult } from './select.js';
import type { TypecheckResult } from './typecheck.js';
import { workloadLabel, workloads } from './workloads.js';

/** Everything one `npm run bench` measured. */
export type BenchResults = {
  date: string;
  node: string;
  machine: string;
  tiny: boolean;
  config: BenchConfig;
  contenders: { key: ContenderKey; label: string }[];
  workloads: WorkloadResults;
  backfill: BackfillResult[];
  selects: SelectBenchResult[];
  /** The transaction-limits search (`null` in `--tiny` runs). */
  limits: LimitsResult | null;
  typecheck: TypecheckResult[];
  bundles: BundleResult[];
};

type Figure = {
  key: 'documents' | 'ranges' | 'bytesRead' | 'documentsWritten';
  title: string;
  chart: string;
  format: (value: number) => string;
};

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

const figures: Figure[] = [
  { key: 'documents', title: 'Documents scanned', chart: 'documents', format: int },
  { key: 'ranges', title: 'Index ranges opened (db.get calls + index ranges)', chart: 'ranges', format: int },
  { key: 'bytesRead', title: 'Bytes read', chart: 'bytes', format: int },
  { key: 'documentsWritten', title: 'Documents written', chart: 'writes', format: int },
];

const ids = workloads.filter((w) => w.id !== 10).map((w) => w.id as WorkloadId);

function sample(results: BenchResults, id: WorkloadId, key: ContenderKey): Cell | undefined {
  return results.workloads[id]?.[key];
}

/** The wall-time (or CPU-time) ratio of a contender to the floor on one workload (medians). */
export function timeRatio(
  results: BenchResults,
  id: WorkloadId,
  key: ContenderKey,
  clock: 'wall' | 'cpu' | 'cpuAfterMinorGc' | 'cpuWithoutForcedGc' = 'wall',
): number | null {
  const cell = sample(results, id, key);
  const floor = sample(results, id, 'floor');
  if (cell?.status !== 'ok' || floor?.status !== 'ok') return null;
  const median = {
    wall: (of: typeof cell) => of.medianMs,
    cpu: (of: typeof cell) => of.medianCpuMs,
    cpuAfterMinorGc: (of: typeof cell) => of.medianCpuAfterMinorGcMs,
    cpuWithoutForcedGc: (of: typeof cell) => of.medianCpuWithoutForcedGcMs,
  }[clock];
  const theirs = median(floor);
  return theirs > 0 ? median(cell) / theirs : null;
}

/** Markdown table: workloads down, contenders across; footnotes for what could not run. */
function workloadTable(
  results: BenchResults,
  value: (cell: Cell & { status: 'ok' }, id: WorkloadId, key: ContenderKey) => string,
  notes: string[],
): string {
  const header = `| workload | ${results.contenders.map((c) => c.label).join(' | ')} |`;
  const rule = `|---|${results.contenders.map(() => '---:').join('|')}|`;
  const rows = ids.map((id) => {
    const cells = results.contenders.map((c) => {
      const cell = sample(results, id, c.key);
      if (!cell) return '';
      if (cell.status === 'ok') return value(cell, id, c.key);
      const note = `${cell.status === 'missing' ? 'cannot express' : 'fails'}: ${cell.reason}`;
      let index = notes.indexOf(`${c.label}, workload ${id}: ${note}`);
      if (index < 0) index = notes.push(`${c.label}, workload ${id}: ${note}`) - 1;
      return `n/a [${index + 1}]`;
    });
    return `| ${workloadLabel(id)} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}

/** Wall time against the floor, per workload (the first benchmark issue). */
const WALL_TARGET = 1.3;
/** CPU time against the floor, per workload (issue 15, "executor overhead"). */
const CPU_TARGET = 1.2;
/** The migrations backfill's wall time against the floor's (issue 15). */
const BACKFILL_TARGET = 1.2;

/** The issues' targets, evaluated on these results. */
export function targets(results: BenchResults): string[] {
  const lines: string[] = [];
  const orm = (id: WorkloadId) => sample(results, id, 'convex-orm');
  for (const id of ids) {
    const cell = orm(id);
    const floor = sample(results, id, 'floor');
    const better = sample(results, id, 'better-convex');
    if (cell?.status !== 'ok') {
      lines.push(
        `- workload ${id}: convex-orm not measured (${cell && 'reason' in cell ? cell.reason : 'no contender yet'})`,
      );
      continue;
    }
    const parts: string[] = [];
    if (id <= 6 && floor?.status === 'ok') {
      const equal = cell.counted.documents === floor.counted.documents && cell.counted.ranges === floor.counted.ranges;
      parts.push(
        `reads ${equal ? '=' : '≠'} floor (${cell.counted.documents} docs / ${cell.counted.ranges} ranges vs ${floor.counted.documents} / ${floor.counted.ranges}) ${equal ? '✓' : '✗'}`,
      );
    }
    if (better?.status === 'ok') {
      const fewer = cell.counted.documents < better.counted.documents;
      const tie =
        cell.counted.documents === better.counted.documents &&
        floor?.status === 'ok' &&
        cell.counted.documents === floor.counted.documents;
      parts.push(
        `docs vs better-convex ${cell.counted.documents} vs ${better.counted.documents} ${fewer ? '✓' : tie ? '= (both at the floor)' : '✗'}`,
      );
    }
    const r = timeRatio(results, id, 'convex-orm');
    const cpu = timeRatio(results, id, 'convex-orm', 'cpu');
    if (r !== null) {
      parts.push(`time ${ratio(r)} floor ${r <= WALL_TARGET ? '✓' : `✗ (target ≤ ${ratio(WALL_TARGET)})`}`);
    }
    if (cpu !== null) {
      const minor = timeRatio(results, id, 'convex-orm', 'cpuAfterMinorGc');
      const steady = timeRatio(results, id, 'convex-orm', 'cpuWithoutForcedGc');
      const others = [
        ...(minor === null ? [] : [`${ratio(minor)} after a minor GC`]),
        ...(steady === null ? [] : [`${ratio(steady)} steady`]),
      ];
      parts.push(
        `CPU time ${ratio(cpu)} floor ${cpu <= CPU_TARGET ? '✓' : `✗ (target ≤ ${ratio(CPU_TARGET)})`}${others.length === 0 ? '' : ` (${others.join(', ')})`}`,
      );
    }
    if (floor?.status === 'ok' && cell.counted.rows !== floor.counted.rows) {
      parts.push(`✗ returned ${cell.counted.rows} rows, floor ${floor.counted.rows}`);
    }
    lines.push(`- workload ${id}: ${parts.join('; ')}`);
  }
  const timeMisses = ids.filter(
    (id) =>
      (timeRatio(results, id, 'convex-orm') ?? 0) > WALL_TARGET ||
      (timeRatio(results, id, 'convex-orm', 'cpu') ?? 0) > CPU_TARGET,
  );
  if (timeMisses.length > 0) {
    const promiseRatios = timeMisses.flatMap((id) => {
      const [mine, theirs] = [orm(id), sample(results, id, 'floor')];
      if (mine?.status !== 'ok' || theirs?.status !== 'ok' || !mine.promises || !theirs.promises) return [];
      return [`${int(mine.promises)} vs ${int(theirs.promises)} on workload ${id}`];
    });
    lines.push(
      `- why the time misses (workload${timeMisses.length > 1 ? 's' : ''} ${timeMisses.join(', ')}): the reads are the floor's, so only CPU outside the database differs: the ORM's own work per statement and row (parse, plan, metering, shaping) and its garbage, plus its promises (${promiseRatios.join('; ') || 'see the promises table'}), each of which convex-test makes pay AsyncLocalStorage propagation. Ratios move by ±0.3× between runs on this shared 2-core machine (per-run times are in results.json).`,
    );
  }
  const deleteCell = orm(9);
  const deleteFloor = sample(results, 9, 'floor');
  if (
    deleteCell?.status === 'ok' &&
    deleteFloor?.status === 'ok' &&
    deleteCell.counted.documents > deleteFloor.counted.documents
  ) {
    lines.push(
      `- why workload 9 reads ${deleteCell.counted.documents - deleteFloor.counted.documents} document more than the floor: \`delete(users).where(eq(users._id, id))\` reads the user row (one \`db.get\`) to know it exists and to plan its foreign-key actions; the floor knows the id is there and deletes blind. better-convex reads it too.`,
    );
  }
  const backfill = (key: BackfillResult['key']) => results.backfill.find((r) => r.key === key && !r.error);
  const [ormBackfill, floorBackfill, devBackfill] = [
    backfill('convex-orm'),
    backfill('floor'),
    backfill('@convex-dev/migrations'),
  ];
  if (ormBackfill && floorBackfill && devBackfill) {
    const r = ormBackfill.medianMs / floorBackfill.medianMs;
    lines.push(
      `- backfill: convex-orm ${ormBackfill.transactions} transactions / ${ratio(r)} the floor's time ${r <= BACKFILL_TARGET ? '✓' : `✗ (target ≤ ${ratio(BACKFILL_TARGET)})`}; vs @convex-dev/migrations ${devBackfill.transactions} transactions, ${ratio(ormBackfill.medianMs / devBackfill.medianMs)} its time${r > BACKFILL_TARGET ? '. Why: every chunk runs its batch in a nested sub-transaction (`ctx.runMutation`, so a failing batch rolls back alone), validates each patch against the column validators and updates the migration state row; the floor patches blind in one mutation per batch' : ''}.`,
    );
  }
  for (const c of results.contenders) {
    for (const id of ids) {
      const [cell, floor] = [sample(results, id, c.key), sample(results, id, 'floor')];
      if (cell?.status === 'ok' && floor?.status === 'ok' && cell.counted.rows !== floor.counted.rows) {
        lines.push(
          `- ${c.label}, workload ${id}: returns ${cell.counted.rows} rows where the floor returns ${floor.counted.rows} (a wrong result)`,
        );
      }
    }
  }
  for (const typescript of new Set(results.typecheck.map((r) => r.typescript))) {
    const [ormTc, betterTc] = ['convex-orm', 'better-convex'].map((l) =>
      results.typecheck.find((r) => r.library === l && r.typescript === typescript),
    );
    if (!ormTc || !betterTc) continue;
    const ok = !ormTc.errors && ormTc.totalSeconds < betterTc.totalSeconds;
    lines.push(
      `- type-check (TypeScript ${typescript}): ${ormTc.totalSeconds}s / ${int(ormTc.instantiations)} instantiations vs better-convex ${betterTc.totalSeconds}s / ${int(betterTc.instantiations)} ${ok ? '✓' : `✗${ormTc.errors ? ` (${ormTc.errors})` : ''}`}`,
    );
  }
  const [ormB, betterB] = ['convex-orm', 'better-convex'].map((l) => results.bundles.find((r) => r.library === l));
  if (ormB && betterB) {
    const ok = ormB.minBytes < betterB.minBytes && ormB.gzipBytes < betterB.gzipBytes;
    lines.push(
      `- bundle: ${kb(ormB.minBytes)} min / ${kb(ormB.gzipBytes)} gz vs better-convex ${kb(betterB.minBytes)} / ${kb(betterB.gzipBytes)} ${ok ? '✓' : '✗'}`,
    );
  }
  return lines;
}

/** The type-check table: one row per library and TypeScript version. */
export function typecheckTable(typecheck: readonly TypecheckResult[]): string[] {
  return [
    '| library | TypeScript | total time | check time | instantiations | types | errors |',
    '|---|---|---:|---:|---:|---:|---|',
    ...typecheck.map(
      (r) =>
        `| ${r.library} | ${r.typescript} | ${r.totalSeconds.toFixed(3)} s | ${r.checkSeconds.toFixed(3)} s | ${int(r.instantiations)} | ${int(r.types)} | ${r.errors ?? 'none'} |`,
    ),
  ];
}

export function renderMarkdown(results: BenchResults): string {
  const notes: string[] = [];
  const c = results.config;
  const out: string[] = [
    '# convex-orm benchmarks',
    '',
    `Generated by \`npm run bench${results.tiny ? ' -- --tiny' : ''}\` on ${results.date}, Node ${results.node}, ${results.machine}.`,
    `Backend: convex-test 0.0.60 (in-process), convex 1.48.0. Data: ${c.users} users × ${c.postsPerUser} posts, ${c.groups} groups (3 memberships per user), one user with ${c.prolificPosts} posts; workload 9's backend also has ${c.runs + 1} users with ${c.heavyPosts} posts × ${c.commentsPerHeavyPost} comments (one deleted per run); workload 7 inserts ${c.inserts} users into a backend holding only the users; backfill of ${c.backfillDocs.toLocaleString('en-US')} documents in batches of ${c.backfillBatch}.`,
    '',
    'Every contender runs on its own convex-test backend seeded with the same documents (same tables, fields and indexes; see `bench/convex/schema.ts` and `bench/contenders/*`).',
    'Reads are counted by one read-counting wrapper around `ctx.db`, the same for every contender (`countReads` from `convex-orm/testing`):',
    '*documents* counts every document the database handed over, including ones a `.filter()` rejected; *ranges* counts `db.get` calls plus index ranges opened.',
    "Bytes read and documents written come from convex-test's `ctx.meta.getTransactionMetrics()`.",
    `Wall time is the median of ${c.runs} runs per contender, interleaved, after one counted warm-up run, measured inside the transaction (the handler only), with a full GC before each run; for workloads 1–6 and 8 (repeatable on the same data) a run averages back-to-back repetitions lasting about 50 ms. The full GC is \`gc()\`'s, a mark-compact of the whole heap. The runs are then repeated, for CPU time only, after a minor GC (a scavenge of the young generation only, \`gc({ type: 'minor' })\`; reported as "after a minor GC"), and with no GC asked, after ${STEADY_WARM_UPS} untimed runs per contender (reported as "steady": the state of a long-lived process).`,
    'convex-test evaluates an index range by scanning every document of the database, so wall time favours fewer queries more than a real deployment would; read counts are the primary figure.',
    '',
    '## Targets',
    '',
    'Reads equal to the floor on workloads 1–6; fewer documents scanned than better-convex where it can express the task; wall time ≤ 1.3× and CPU time ≤ 1.2× the floor’s; the backfill ≤ 1.2× the floor’s time; type-check time and bundle size below better-convex.',
    '',
    ...targets(results),
    '',
    '## Workloads',
    '',
    '| # | task | the floor (hand-written ctx.db) |',
    '|---|---|---|',
    ...workloads.map((w) => `| ${w.id} | ${w.task} | ${w.floor} |`),
    '',
  ];
  for (const figure of figures) {
    out.push(`## ${figure.title}`, '', `![${figure.title}](charts/${figure.chart}.svg)`, '');
    out.push(
      workloadTable(results, (cell) => figure.format(cell.counted[figure.key]), notes),
      '',
    );
  }
  out.push(
    '## Wall time (median, ratio to the floor)',
    '',
    '![Wall time](charts/time.svg)',
    '',
    "Each cell: median wall time (ratio to the floor's), then in brackets the ratio of median CPU time of the process (user + system) over the same spans, which other processes on a shared machine disturb far less.",
    '',
  );
  out.push(
    workloadTable(
      results,
      (cell, id, key) => {
        const r = timeRatio(results, id, key);
        const cpu = timeRatio(results, id, key, 'cpu');
        return `${ms(cell.medianMs)} (${r === null ? '–' : ratio(r)}) [cpu ${cpu === null ? '–' : ratio(cpu)}]`;
      },
      notes,
    ),
    '',
  );
  out.push(
    '## Promises created per run (a CPU diagnostic)',
    '',
    'Counted with `async_hooks` in a warm-up run of each repeatable workload. convex-test runs every function under AsyncLocalStorage, so each promise pays context propagation: with equal reads, more promises mean more CPU here (less so on a real deployment).',
    '',
    workloadTable(results, (cell) => (cell.promises === null ? '–' : int(cell.promises)), notes),
    '',
  );
  out.push('## Rows returned (sanity check against the floor)', '');
  out.push(
    workloadTable(results, (cell) => int(cell.counted.rows), notes),
    '',
  );
  out.push(...selectSection(results.selects));
  const floorBackfill = results.backfill.find((r) => r.key === 'floor');
  out.push('## Workload 10: backfill', '', '![Backfill](charts/backfill.svg)', '');
  out.push(
    '| contender | transactions | documents backfilled | median wall time | ratio to floor |',
    '|---|---:|---:|---:|---:|',
  );
  for (const r of results.backfill) {
    const rel =
      floorBackfill && floorBackfill.medianMs > 0 && !r.error ? ratio(r.medianMs / floorBackfill.medianMs) : '–';
    out.push(
      r.error
        ? `| ${r.label} | fails: ${r.error} | | | |`
        : `| ${r.label} | ${int(r.transactions)} | ${int(r.documentsBackfilled)} | ${ms(r.medianMs)} | ${rel} |`,
    );
  }
  out.push(
    '',
    'Transactions are the top-level mutations the backfill ran, the kickoff included: for convex-orm the `run` mutation plus one scheduled `runChunk` per batch (each applying its batch in a nested sub-transaction); for @convex-dev/migrations one component `migrate` mutation per batch (the first inside the kickoff), so its batches are counted; the floor is one self-scheduling mutation per batch. Convex-test runs scheduled functions in-process, so the times leave out the scheduling latency of a real deployment.',
    '',
  );
  out.push(...renderLimits(results.limits));
  out.push(
    `## Type-check: ${c.typecheckTables} tables with relations, ${c.typecheckQueries} typed queries`,
    '',
    '![Type-check](charts/typecheck.svg)',
    '',
    ...typecheckTable(results.typecheck),
    '',
    "TypeScript 7 (tsgo, the project's own) and the pinned TypeScript 5.x (`typescript-5`, what most users run): `tsc --noEmit --extendedDiagnostics`, median time of 3 runs. The generated projects are in `bench/.tmp/typecheck/` after a run; convex-orm is checked through its emitted declarations (as published), better-convex through its shipped `.d.ts`.",
    '',
    '## Bundle size of the core entry',
    '',
    '![Bundle size](charts/bundle.svg)',
    '',
    '| library | entry | minified | min + gzip |',
    '|---|---|---:|---:|',
    ...results.bundles.map((r) => `| ${r.library} | \`${r.entry}\` | ${kb(r.minBytes)} | ${kb(r.gzipBytes)} |`),
    '',
    'esbuild, `export * from <entry>`, minified, ESM, `convex` external (every contender needs it); gzip level 9.',
    '',
  );
  if (notes.length > 0) out.push('## Notes', '', ...notes.map((note, i) => `${i + 1}. ${note}`), '');
  return out.join('\n');
}

/** One chart per figure family. */
export function charts(results: BenchResults): Record<string, Chart> {
  const series = results.contenders.map((c) => c.label);
  const perWorkload = (figure: Figure): Chart => ({
    title: figure.title,
    subtitle: 'per workload, bars scaled to the largest in each workload; smaller is better',
    series,
    format: figure.format,
    groups: ids.map((id) => ({
      label: workloadLabel(id),
      values: results.contenders.map((c) => {
        const cell = sample(results, id, c.key);
        return cell?.status === 'ok' ? cell.counted[figure.key] : null;
      }),
    })),
  });
  const out: Record<string, Chart> = Object.fromEntries(figures.map((f) => [f.chart, perWorkload(f)]));
  out.time = {
    title: 'Wall time, ratio to the floor',
    subtitle: `median of ${results.config.runs} interleaved runs; 1.00× = the floor; smaller is better`,
    series,
    format: ratio,
    groups: ids.map((id) => ({
      label: workloadLabel(id),
      values: results.contenders.map((c) => timeRatio(results, id, c.key)),
    })),
  };
  out.backfill = {
    title: `Backfill of ${results.config.backfillDocs.toLocaleString('en-US')} documents`,
    subtitle: 'transactions and median wall time; smaller is better',
    series: results.backfill.map((r) => r.label),
    groups: [
      { label: 'transactions', values: results.backfill.map((r) => (r.error ? null : r.transactions)) },
      { label: 'wall time (ms)', values: results.backfill.map((r) => (r.error ? null : Math.round(r.medianMs))) },
    ],
  };
  out.typecheck = {
    title: `Type-check of a ${results.config.typecheckTables}-table schema with ${results.config.typecheckQueries} queries`,
    subtitle: 'tsc --extendedDiagnostics (TypeScript 7 and 5.x); smaller is better',
    series: results.typecheck.map((r) => `${r.library} (TS ${r.typescript})`),
    groups: [
      { label: 'total time (ms)', values: results.typecheck.map((r) => Math.round(r.totalSeconds * 1000)) },
      { label: 'instantiations', values: results.typecheck.map((r) => r.instantiations) },
    ],
  };
  out.bundle = {
    title: 'Core entry bundle size',
    subtitle: 'esbuild, minified; convex external; smaller is better',
    series: results.bundles.map((r) => r.library),
    format: kb,
    groups: [
      { label: 'minified', values: results.bundles.map((r) => r.minBytes) },
      { label: 'minified + gzip', values: results.bundles.map((r) => r.gzipBytes) },
    ],
  };
  return out;
}

/** The short summary `npm run bench` prints. */
export function summary(results: BenchResults): string {
  const lines = ['', 'convex-orm bench summary', ''];
  const width = Math.max(...results.contenders.map((c) => c.label.length));
  lines.push(`docs/ranges (time ratio to floor) per workload:`);
  for (const id of ids) {
    const cells = results.contenders.map((c) => {
      const cell = sample(results, id, c.key);
      if (cell?.status !== 'ok') return `${c.label.padEnd(width)} n/a`;
      const r = timeRatio(results, id, c.key);
      return `${c.label.padEnd(width)} ${cell.counted.documents}/${cell.counted.ranges} (${r === null ? '–' : ratio(r)})`;
    });
    lines.push(`  ${workloadLabel(id)}`, ...cells.map((cell) => `    ${cell}`));
  }
  lines.push('select (docs/ranges, median time):');
  for (const r of results.selects) {
    lines.push(`    ${r.id} ${r.contender}: ${r.documents}/${r.ranges}, ${r.rows} rows, ${ms(r.medianMs)}`);
  }
  lines.push('backfill:');
  for (const r of results.backfill) {
    lines.push(
      `    ${r.label}: ${r.error ? `fails: ${r.error}` : `${r.transactions} tx, ${r.documentsBackfilled} docs, ${ms(r.medianMs)}`}`,
    );
  }
  lines.push(...limitsSummary(results.limits));
  lines.push('targets:', ...targets(results).map((line) => `  ${line}`));
  return lines.join('\n');
}

/** The select workloads (db.select joins and groupBy) against the floor doing the same algorithm. */
function selectSection(selects: readonly SelectBenchResult[]): string[] {
  const out = [
    '## Select workloads (db.select: joins, groupBy)',
    '',
    "S1, S2: on the base backend, convex-orm's `db.select()` against hand-written `ctx.db` code running the same algorithm (index nested-loop join); target: reads equal to the floor. S2p: S2 as a select prepared at module scope. S4: a `db.$count` embedded in the selection, counted per result row. S3: on the aggregates backend, a `groupBy` served by an aggregate index against hand-written code reading every row; target: O(groups) reads.",
    '',
    '| workload | the floor | contender | documents | ranges | rows | median wall time (ratio) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of selects) {
    const floor = selects.find((other) => other.id === r.id && other.contender === 'floor');
    const time = floor && floor.medianMs > 0 ? ` (${ratio(r.medianMs / floor.medianMs)})` : '';
    out.push(
      `| ${r.id} ${r.title} | ${r.floor} | ${r.contender} | ${int(r.documents)} | ${int(r.ranges)} | ${int(r.rows)} | ${ms(r.medianMs)}${time} |`,
    );
  }
  out.push('');
  return out;
}
