import type { Command } from 'commander';
import type { Db } from '../db/db.ts';
import { chooseDatabase, openDatabase } from '../db/open.ts';

/** Opens the database the global options choose, runs fn, and always closes it. */
export async function withDb<T>(cmd: Command, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(chooseDatabase(cmd.optsWithGlobals<{ data?: string }>()));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
