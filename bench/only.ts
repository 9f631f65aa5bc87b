import { renderAggregates, runAggregates } from './aggregates.js';
import { runBackfill } from './backfill.js';
import { renderColdContexts, runColdContexts } from './coldContext.js';
import type { BenchConfig } from './config.js';
import type { Contender, WorkloadId } from './contender.js';
import type { Dataset } from './data.js';
import { renderDrain, runDrain } from './drain.js';
import { runLimits } from './limits.js';
import { renderLimits } from './limitsReport.js';
import { renderRowChanges, rowChangeTargets, runRowChanges } from './rowChanges.js';
import { renderRules, rulesTargets, runRules } from './rules.js';
import { runWorkloads } from './runWorkloads.js';
import { renderSearchPages, runSearchPages } from './searchPages.js';
import { runSelectBench } from './select.js';
import { renderSharedReads, runSharedReads } from './sharedReads.js';

/**
 * `npm run bench -- --only <sections>`: runs only the named sections and
 * prints their numbers (nothing is written), so one change can be measured
 * in a minute instead of the whole run. Sections: `workloads` (all of 1–9)
 * or `workloads=1,4,8`, `select`, `backfill`, `rowChanges`, `drain`, `aggregates`,
 * `rules`, `sharedReads`, `searchPages`, `limits`, `coldContexts`; comma-separated, e.g. `--only workloads=4,8,rowChanges`.
 */
export const onlySections = [
  'workloads',
  'select',
  'backfill',
  'rowChanges',
  'drain',
  'aggregates',
  'rules',
  'sharedReads',
  'searchPages',
  'limits',
  'coldContexts',
] as const;

export async function runOnly(
  spec: string,
  contenders: Contender[],
  config: BenchConfig,
  data: () => Dataset,
  log: (line: string) => void,
): Promise<string[]> {
  const { sections, workloadIds } = parseOnly(spec);
  const out: string[] = [];
  if (sections.has('workloads')) {
    const results = await runWorkloads(contenders, config, data(), log, workloadIds);
    for (const [id, cells] of Object.entries(results)) {
      const floorCell = cells.floor;
      out.push(`workload ${id}:`);
      for (const [key, cell] of Object.entries(cells)) {
        if (cell?.status !== 'ok') {
          out.push(`  ${key}: ${cell?.status ?? 'n/a'}`);
          continue;
        }
        const ratio = (mine: number, base: number | undefined) => (base ? `${(mine / base).toFixed(2)}×` : '–');
        const base = floorCell?.status === 'ok' ? floorCell : undefined;
        out.push(
          `  ${key}: ${cell.counted.documents} docs / ${cell.counted.ranges} ranges, wall ${cell.medianMs.toFixed(2)} ms (${ratio(cell.medianMs, base?.medianMs)}), CPU ${cell.medianCpuMs.toFixed(2)} ms (${ratio(cell.medianCpuMs, base?.medianCpuMs)}), CPU after a minor GC ${cell.medianCpuAfterMinorGcMs.toFixed(2)} ms (${ratio(cell.medianCpuAfterMinorGcMs, base?.medianCpuAfterMinorGcMs)}), steady CPU ${cell.medianCpuWithoutForcedGcMs.toFixed(2)} ms (${ratio(cell.medianCpuWithoutForcedGcMs, base?.medianCpuWithoutForcedGcMs)}), promises ${cell.promises ?? '–'}`,
        );
      }
    }
  }
  if (sections.has('select')) {
    for (const r of await runSelectBench(config, data()))
      out.push(
        `select ${r.id} ${r.contender}: ${r.documents}/${r.ranges}, ${r.rows} rows, ${r.medianMs.toFixed(2)} ms`,
      );
  }
  if (sections.has('backfill')) {
    for (const r of await runBackfill(config))
      out.push(
        `backfill ${r.label}: ${r.error ? `fails: ${r.error}` : `${r.transactions} tx, ${r.medianMs.toFixed(1)} ms`}`,
      );
  }
  if (sections.has('rowChanges')) {
    const results = await runRowChanges(config);
    out.push(...renderRowChanges(results, config.inserts), ...rowChangeTargets(results));
  }
  if (sections.has('drain')) out.push(...renderDrain(await runDrain(config)));
  if (sections.has('aggregates')) out.push(...renderAggregates(await runAggregates(config)));
  if (sections.has('sharedReads')) out.push(...renderSharedReads(await runSharedReads(config), config.users));
  if (sections.has('rules')) {
    const results = await runRules(config);
    out.push(...renderRules(results, config.users), ...rulesTargets(results));
  }
  if (sections.has('searchPages')) out.push(...renderSearchPages(await runSearchPages(config)));
  if (sections.has('limits')) out.push(...renderLimits(await runLimits(log)));
  if (sections.has('coldContexts')) out.push(...renderColdContexts(await runColdContexts(contenders, config, data())));
  return out;
}

function parseOnly(spec: string): { sections: Set<string>; workloadIds?: ReadonlySet<WorkloadId> } {
  const sections = new Set<string>();
  let workloadIds: Set<WorkloadId> | undefined;
  for (const part of spec.split(/,(?=[a-zA-Z])/)) {
    const [name, ids] = part.split('=');
    if (!(onlySections as readonly string[]).includes(name!))
      throw new Error(`--only: unknown section '${name}'; use ${onlySections.join(', ')}`);
    sections.add(name!);
    if (name === 'workloads' && ids) workloadIds = new Set(ids.split(',').map((id) => Number(id) as WorkloadId));
  }
  return { sections, workloadIds };
}
