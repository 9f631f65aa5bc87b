import { fullConfig } from './config.js';
import { runRowChanges } from './rowChanges.js';
const r = await runRowChanges({ ...fullConfig, runs: 5 });
console.log(r.trigger['convex-orm'].medianCpuMs, r.trigger.floor.medianCpuMs);
