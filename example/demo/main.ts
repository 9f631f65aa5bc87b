import { queriesDemo } from './queries';
import { schemaDemo } from './schema';

// `npm run demo`: the example app (example/convex) running in-process on convex-test.
await schemaDemo();
await queriesDemo();
console.log('\nDemo finished.');
