import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAggregates, runAggregates } from './aggregates.js';
import { runBackfill } from './backfill.js';
import { measureBundles } from './bundle.js';
import { renderChart } from './chart.js';
import { renderColdContexts, runColdContexts } from './coldContext.js';
import { fullConfig, tinyConfig } from './config.js';
import type { Contender } from './contender.js';
import { betterConvex } from './contenders/betterConvex/index.js';
import { convexOrm } from './contenders/convexOrm.js';
import { ents } from './contenders/ents/index.js';
import { floor } from './contenders/floor.js';
import { generateDataset } from './data.js';
import { renderDrain, runDrain } from './drain.js';
import { runLimits } from './limits.js';
import { runOnly } from './only.js';
import { type BenchResults, charts, renderMarkdown, summary, typecheckTable } from './report.js';
import { renderRowChanges, rowChangeTargets, runRowChanges } from './rowChanges.js';
import { renderRules, rulesTargets, runRules } from './rules.js';
import { runWorkloads } from './runWorkloads.js';
import { renderSearchPages, runSearchPages } from './searchPages.js';
import { runSelectBench } from './select.js';
import { renderSharedReads, runSharedReads } from './sharedReads.js';
import { measureTypecheck } from './typecheck.js';

// `npm run bench [-- --tiny] [-- --out <dir>]`: runs every workload for every
// contender, the backfill, the type-check and bundle measurements, then
// writes <out>/results.md, <out>/results.json and <out>/charts/*.svg and
// prints a summary. `--tiny` (the smoke test) uses small data and one run and
// writes to bench/.tmp/tiny unless --out is given. `--typecheck` runs only the
// type-check measurement and prints its table (nothing is written).
// `--only <sections>` runs only those sections and prints them (see only.ts).

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');
const args = process.argv.slice(2);
const tiny = args.includes('--tiny');
const outArg = args.indexOf('--out');
const out = outArg >= 0 ? resolve(args[outArg + 1]!) : tiny ? join(benchDir, '.tmp', 'tiny') : benchDir;
const config = tiny ? tinyConfig : fullConfig;
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const typecheckAll = () =>
  measureTypecheck(
    root,
    join(benchDir, '.tmp', 'typecheck'),
    config.typecheckTables,
    config.typecheckQueries,
    tiny ? 1 : 3,
  );

if (args.includes('--typecheck')) {
  log(`type-check only: ${config.typecheckTables} tables, ${config.typecheckQueries} queries`);
  console.log(typecheckTable(typecheckAll()).join('\n'));
  process.exit(0);
}

const contenders: Contender[] = [floor, convexOrm, betterConvex, ents];

const onlyArg = args.indexOf('--only');
if (onlyArg >= 0) {
  const lines = await runOnly(args[onlyArg + 1] ?? '', contenders, config, () => generateDataset(config), log);
  console.log(lines.join('\n'));
  process.exit(0);
}

const data = generateDataset(config);
log(`workloads 1-9 (${config.runs} timed runs each)`);
const workloadResults = await runWorkloads(contenders, config, data, log);
log('select workloads (joins, groupBy)');
const selects = await runSelectBench(config, data);
log('workload 10 (backfill)');
const backfill = await runBackfill(config);
log('row changes (triggers, soft delete)');
const rowChanges = await runRowChanges(config);
log('scheduled delete past one transaction (the drain)');
const drain = await runDrain(config);
log('aggregates (count, groupBy, insert with two aggregate indexes)');
const aggregates = await runAggregates(config);
log('search, pages that fill, nested relation order');
const searchPages = await runSearchPages(config);
// The limits search takes a minute or more; the smoke test leaves it out.
const limits = tiny ? null : await runLimits(log);
log('a request in a fresh context');
const coldContexts = await runColdContexts(contenders, config, data);
log('rules');
const rules = await runRules(config);
log('a relation asked for twice');
const sharedReads = await runSharedReads(config);
log('type-check');
const typecheck = typecheckAll();
log('bundle sizes');
const bundles = await measureBundles(root);

const results: BenchResults = {
  date: new Date().toISOString(),
  node: process.version,
  machine: `${process.platform}-${process.arch}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}`,
  tiny,
  config,
  contenders: contenders.map(({ key, label }) => ({ key, label })),
  workloads: workloadResults,
  backfill,
  selects,
  limits,
  typecheck,
  bundles,
};

mkdirSync(join(out, 'charts'), { recursive: true });
writeFileSync(
  join(out, 'results.md'),
  `${renderMarkdown(results)}\n${[...renderRowChanges(rowChanges, config.inserts), ...renderDrain(drain), ...renderRules(rules, config.users), ...renderSharedReads(sharedReads, config.users), ...renderAggregates(aggregates), ...renderSearchPages(searchPages), ...renderColdContexts(coldContexts)].join('\n')}`,
);
writeFileSync(
  join(out, 'results.json'),
  `${JSON.stringify({ ...results, rowChanges, drain, rules, sharedReads, aggregates, searchPages, coldContexts }, null, 2)}\n`,
);
for (const [name, chart] of Object.entries(charts(results)))
  writeFileSync(join(out, 'charts', `${name}.svg`), renderChart(chart));
console.log(summary(results));
console.log([...rowChangeTargets(rowChanges), ...rulesTargets(rules)].map((line) => `  ${line}`).join('\n'));
console.log(`\nwrote ${join(out, 'results.md')}`);
