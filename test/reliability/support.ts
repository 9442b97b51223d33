/**
 * Helpers of the reliability tests: faults injected at exact points of a transaction, through the DataSource's
 * own subscriber list (the hook TypeORM calls before and after every commit). Production registers no such
 * subscriber; a test adds one and removes it when done, so no test-only code lives in the product.
 */
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';

export type CommitHook = (event: TransactionCommitEvent) => Promise<void> | void;

/** Runs `hook` before every commit (after every statement of the transaction, before COMMIT) until removed. */
export function beforeCommit(dataSource: DataSource, hook: CommitHook): () => void {
  return addSubscriber(dataSource, { beforeTransactionCommit: hook });
}

/** Runs `hook` after every COMMIT until removed: a throw there is a failure after the change is durable. */
export function afterCommit(dataSource: DataSource, hook: CommitHook): () => void {
  return addSubscriber(dataSource, { afterTransactionCommit: hook });
}

function addSubscriber(dataSource: DataSource, subscriber: EntitySubscriberInterface): () => void {
  (dataSource.subscribers as EntitySubscriberInterface[]).push(subscriber);
  return () => {
    const list = dataSource.subscribers as EntitySubscriberInterface[];
    const at = list.indexOf(subscriber);
    if (at >= 0) list.splice(at, 1);
  };
}

/** An error the tests throw on purpose, recognisable in logs. */
export class InjectedFault extends Error {
  constructor(where: string) {
    super(`injected fault: ${where}`);
    this.name = 'InjectedFault';
  }
}

/** A gate a hook can wait at until the test opens it; `reached` resolves when something waits. */
export function gate() {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const arrived = new Promise<void>((r) => (reached = r));
  return {
    wait: async () => {
      reached();
      await opened;
    },
    reached: arrived,
    open: () => open(),
  };
}

export const newKey = () => crypto.randomUUID();

export async function count(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const rows = (await dataSource.query(sql, params)) as { n: number | string }[];
  return Number(rows[0]!.n);
}
