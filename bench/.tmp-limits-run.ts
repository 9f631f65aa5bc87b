import { runLimits } from './limits.js';

const started = Date.now();
const result = await runLimits((line) => process.stderr.write(`${line}\n`));
console.log(JSON.stringify(result), `${((Date.now() - started) / 1000).toFixed(0)} s`);
