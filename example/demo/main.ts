import { migrationsDemo } from './migrations';
import { mutationsDemo } from './mutations';
import { queriesDemo } from './queries';
import { schemaDemo } from './schema';

// `npm run demo`: the example app (example/convex) running in-process on convex-test.
await schemaDemo();
await queriesDemo();
await mutationsDemo();
await migrationsDemo();
console.log('\nDemo finished.');
