import { migrationsDemo } from './migrations';
import { schemaDemo } from './schema';

// `npm run demo`: the example app (example/convex) running in-process on convex-test.
await schemaDemo();
await migrationsDemo();
console.log('\nDemo finished.');
