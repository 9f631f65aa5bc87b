import migrations from '@convex-dev/migrations/convex.config.js';
import { defineApp } from 'convex/server';

// Workload 10 compares convex-orm's migration runtime with the
// @convex-dev/migrations component, registered here and in convex-test.
const app = defineApp();
app.use(migrations);
export default app;
