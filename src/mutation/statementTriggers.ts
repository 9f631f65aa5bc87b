import type { GenericDatabaseWriter } from 'convex/server';
import { afterHooksSettle, closeHookLock, StatementHookLock } from '../queryPromise.js';
import type { TriggerContext, Triggers } from '../triggers/define.js';
import type { TriggerScope } from './triggerScope.js';

/** The writers a statement's hooks get: the ORM's one level deeper (`db`) and the raw one (`raw`). */
export interface HookWriters {
  readonly db: TriggerContext['db'];
  readonly raw: GenericDatabaseWriter<any>;
}

/** What makes the hooks' writers of a level's statements, each queued on the lock given. */
export interface HookWriterSource {
  hookWriters(lock: object): HookWriters;
}

/**
 * The triggers of one statement. Its hooks' `ctx.db` is a writer one level deeper, made when a
 * hook first runs, whose operations queue on a lock of the statement's own while it runs and
 * with the statement's level once it ended ({@link StatementHookLock}): a hook's statement never
 * waits for the statement that fired it, and never runs inside another one.
 */
export class StatementTriggers implements TriggerScope {
  private lock: StatementHookLock | undefined;
  private writers: HookWriters | undefined;

  /** @param levelLock What the statement's own level queues on. */
  constructor(
    readonly triggers: Triggers,
    readonly depth: number,
    private readonly levelLock: object,
    private readonly source: HookWriterSource,
  ) {}

  context(operation: TriggerContext['operation'], table: string): TriggerContext {
    this.writers ??= this.source.hookWriters(this.hookLock());
    return { db: this.writers.db, raw: this.writers.raw, operation, table };
  }

  hooks<T>(run: () => Promise<T>): Promise<T> {
    return afterHooksSettle(this.hookLock(), run);
  }

  close(): Promise<void> | undefined {
    return this.lock && closeHookLock(this.lock);
  }

  private hookLock(): StatementHookLock {
    this.lock ??= new StatementHookLock(this.levelLock);
    return this.lock;
  }
}
