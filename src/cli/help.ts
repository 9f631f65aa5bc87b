/** `--help` text of every command, with examples. */
export const HELP: Record<string, string> = {
  '': `convex-orm: migrations and deploy helpers for convex-orm apps

Usage: convex-orm <command> [options]

Commands:
  migrate create <name>      scaffold a migration file and regenerate the manifest
  migrate generate [name]    scaffold migrations for the schema changes since the snapshot
  migrate check              report documents the local schema would reject, or that break constraints
  migrate manifest           regenerate migrations/manifest.ts (checksums) from the files
  migrate up                 apply every pending migration, in id order
  migrate down               roll back applied migrations (--steps N or --to <id>)
  migrate status             applied / pending migrations, the active and last runs, drift
  migrate cancel             cancel the active run after its current batch
  aggregate backfill         build aggregate indexes that are not ready (batched, resumable)
  aggregate repair           rebuild aggregate indexes after raw ctx.db writes (online, batched)
  deploy                     convex deploy, migrate up (strict), then aggregate backfill
  dev                        migrate up with relaxed defaults, then convex dev
  pull                       write a convex-orm schema from a plain Convex schema.ts

Run \`convex-orm <command> --help\` (or -h) for a command's options. A flag (an option without
a value) is given as --x, --x=true, --x=false or --no-x; the last one wins.

Examples:
  npx convex-orm migrate create backfill_todo_priority --table todos
  npx convex-orm migrate up --dry-run
  npx convex-orm migrate up --prod
`,
  migrate: `Usage: convex-orm migrate <create|generate|check|manifest|up|down|status|cancel> [options]

Run \`convex-orm migrate <subcommand> --help\` for details.
`,
  aggregate: `Usage: convex-orm aggregate <backfill|repair> [options]

Run \`convex-orm aggregate <subcommand> --help\` for details.
`,
  'migrate create': `Usage: convex-orm migrate create <name> [--table <table>]

Writes <migrationsDir>/<YYYYMMDD_HHMMSS>_<name>.ts (UTC timestamp) from a template and
regenerates manifest.ts. Refuses to overwrite an existing file.

Options:
  --table <table>   the table the up step walks (else a placeholder to fill in)

Examples:
  npx convex-orm migrate create backfill_todo_priority --table todos
`,
  'migrate generate': `Usage: convex-orm migrate generate [name] [--rename <old:new,...>] [--drop <col,...>]

Diffs convex/schema.ts against <migrationsDir>/schema.snapshot.json. For each table with a
change old documents may fail (optional -> notNull, type change (number() -> integer() too),
enum narrowing, removed or renamed column, new notNull column) writes a migration whose migrateOne handles exactly those
fields (TODOs throw until completed); then regenerates manifest.ts and the snapshot.
Compatible changes print "No migration needed" and why. The first run writes the snapshot.

Options:
  --rename <old:new>   a renamed column, as old:new or table.old:new (comma-separated list)
  --drop <col>         a removed column that is no rename, as col or table.col (list)
  A removal beside an addition is asked about in a terminal, else a usage error (exit 2).

Examples:
  npx convex-orm migrate generate
  npx convex-orm migrate generate rename_note --rename todos.note:notes
`,
  'aggregate backfill': `Usage: convex-orm aggregate backfill [--prod] [--batch-size <n>]

Builds every aggregate index that is not ready: counts the existing rows in batches (one
transaction each, resumable, each row counted exactly once) through the deployment's
backfillAggregates function, until all are ready. Until then, reads of an index fall back to
the bounded scan. Resumes an interrupted \`aggregate repair\`. \`deploy\` runs it after
\`migrate up\`.

Options:
  --prod             the production deployment
  --batch-size <n>   rows per batch (default convex-orm.json's batchSize)

Examples:
  npx convex-orm aggregate backfill --prod
`,
  'aggregate repair': `Usage: convex-orm aggregate repair [--table <t>] [--index <name>] [--prod] [--batch-size <n>]

Rebuilds aggregate indexes whose counts raw ctx.db writes made stale (the ORM's own writes
keep them exact): every index, a table's (--table) or one (--index). Online: the deployment's
repairAggregates function marks them for a rebuild (reads fall back to the bounded scan from
then on), then the backfill deletes their buckets and counts every row again in batches (one
transaction each), counting rows written meanwhile exactly once, as for a new index.
Interrupted, \`convex-orm aggregate backfill\` resumes it.

Options:
  --table <t>        only the aggregate indexes of this table
  --index <name>     only this aggregate index
  --prod             the production deployment
  --batch-size <n>   rows (or buckets) per batch (default convex-orm.json's batchSize)

Examples:
  npx convex-orm aggregate repair --table posts --index posts_by_author --prod
`,
  'migrate check': `Usage: convex-orm migrate check [--prod] [--batch-size <n>]

Walks each table of the local convex/schema.ts in the deployment, in bounded batches (its check
function), and reports the documents the schema's validators would reject: count per table and column,
sample ids and values. Exit 1 if any: \`convex deploy\` of this schema would fail on them
(unless the schema sets schemaValidation: false; then they are a warning and the exit is 0).
It also reports the documents that break a column type (a fraction in an integer(), a date()
that is no YYYY-MM-DD date, a vector of another length: what Convex's validator lets in) or a
unique, check, NOT NULL or foreign-key constraint of the deployed schema (Convex enforces none;
the ORM checks only the rows it writes): deploy a new type or constraint first, then check.
Exit 1 if any.

Options:
  --prod             the production deployment
  --batch-size <n>   documents per query, at most 4096 (default convex-orm.json's batchSize, 256,
                     capped at 4096)

Examples:
  npx convex-orm migrate check --prod
`,
  'migrate manifest': `Usage: convex-orm migrate manifest [--check]

Regenerates manifest.ts: every migration file in id order, each with the checksum of its
normalized source. Run it after editing a migration that is not applied yet, then deploy.

Options:
  --check   do not write; exit 1 when manifest.ts is out of date or missing

Examples:
  npx convex-orm migrate manifest
  npx convex-orm migrate manifest --check   # in CI
`,
  'migrate up': `Usage: convex-orm migrate up [options]

Applies every pending migration in id order (applied ones are skipped) and waits, showing
documents processed per migration. A failed or canceled run resumes from its last committed
batch on the next \`migrate up\`.

Options:
  --prod              run against the production deployment
  --dry-run           walk every document without writing; report what would change
  --batch-size <n>    documents per batch for every step, over the steps' own batchSize
                      (without it: a step's batchSize, else convex-orm.json's, 256)
  --allow-drift       run even if applied migrations drifted (emergency override)
  --no-wait           start the run and return
  --timeout-ms <n>    stop waiting after this long (default 900000)
  --poll-ms <n>       status poll interval (default 1000)
  --no-strict         exit 0 even on failure, cancel or drift
Flags also take --x=true|false.

Exit codes: 0 completed / nothing to do / dry run; 1 failed, canceled, drift, timeout; 2 usage.

Examples:
  npx convex-orm migrate up --dry-run
  npx convex-orm migrate up --prod --batch-size 128
`,
  'migrate down': `Usage: convex-orm migrate down [--steps <n> | --to <id>] [options]

Rolls back applied migrations, newest first: the last <n>, or every one applied after <id>.
Each needs a down step; otherwise nothing runs and the error names the migration.

Options:
  --steps <n>         roll back the last n applied migrations (default 1)
  --to <id>           roll back everything applied after <id> (<id> stays applied)
  --prod, --dry-run, --batch-size <n>, --allow-drift, --no-wait, --timeout-ms <n>,
  --poll-ms <n>, --no-strict   as for \`migrate up\`

Examples:
  npx convex-orm migrate down --steps 1
  npx convex-orm migrate down --to 20261201_000000_backfill_todo_priority --dry-run
`,
  'migrate status': `Usage: convex-orm migrate status [--prod] [--json]

Shows applied, partially reverted and pending migrations, the active run with
per-migration progress, the last finished run (its status, error and failing document),
drift, and the latest failures (with the failing document id).

Options:
  --prod   the production deployment
  --json   print the status object (StatusResult of convex-orm/migrations) for scripts

Examples:
  npx convex-orm migrate status --prod
  npx convex-orm migrate status --json | jq -r '.lastRun.status'
`,
  'migrate cancel': `Usage: convex-orm migrate cancel [--prod] [--run-id <id>]

Cancels the active run: it stops after its current batch, with status canceled. The next
run in the same direction (\`migrate up\` or \`migrate down\`) resumes where it stopped.

Options:
  --prod            the production deployment
  --run-id <id>     a specific run (default: the active one)

Examples:
  npx convex-orm migrate cancel --prod
`,
  deploy: `Usage: convex-orm deploy [migrate options] [-- <convex deploy args>]

Regenerates the manifest, runs \`npx convex deploy\`, then \`migrate up --prod\` with the
deploy.migrations settings of convex-orm.json (strict: blocks on drift, waits, exits 1 on
failure). Only up ever runs automatically. enabled: "off" skips the migrations.
Options are those of \`migrate up\` (--prod is implied; --no-prod is refused). They are
all checked before anything runs.

Examples:
  npx convex-orm deploy
  npx convex-orm deploy -- --cmd 'npm run build'
`,
  dev: `Usage: convex-orm dev [migrate options] [-- <convex dev args>]

Regenerates the manifest, pushes once (\`npx convex dev --once\`), applies pending up
migrations with the relaxed dev.migrations settings (drift allowed, failures only warn),
then runs \`npx convex dev\`. Options are those of \`migrate up\`, checked before anything
runs; --prod is refused (dev never migrates production). With --strict a failed migrate up
stops dev (exit 1) instead of warning.

Examples:
  npx convex-orm dev
  npx convex-orm dev --strict
  npx convex-orm dev -- --tail-logs
`,
  pull: `Usage: convex-orm pull [--schema <file>] [--out <file>] [--force]

Reads a plain Convex schema (defineSchema / defineTable / v.*, indexes, search and vector
indexes) and writes a convex-orm schema: one convexTable per table, defineSchema, and a
defineRelations guessed from v.id fields. Optional fields become nullable columns;
schemaValidation: false is kept. Exit 1, writing nothing, on what convex-orm cannot express:
staged indexes or validators, a table that is a union of shapes, an index on a nested field,
a search index on a field that is no string, a vector index on one that is no v.array(v.float64()).

Options:
  --schema <file>   the Convex schema to read (default <functions dir>/schema.ts)
  --out <file>      the file to write (default <functions dir>/ormSchema.ts)
  --force           overwrite --out if it exists

Examples:
  npx convex-orm pull
  npx convex-orm pull --out convex/orm/schema.ts
`,
};
