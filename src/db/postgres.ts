import pg from 'pg';
import type { Db, Queryable, SqlParam } from './db.ts';
import { toDriverParams } from './db.ts';

// Per-client type parsers, so that node-postgres maps types exactly as PGlite does.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => BigInt(v);
    if (oid === 1082) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

class ClientQueryable implements Queryable {
  constructor(private readonly client: pg.PoolClient | pg.Pool) {}
  async query<T extends object>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    const result = await this.client.query({ text: sql, values: toDriverParams(params), types });
    return result.rows as T[];
  }
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
}

class PostgresDb extends ClientQueryable implements Db {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {
    super(pool);
  }
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new ClientQueryable(client));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function openPostgres(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // A dropped idle connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = new PostgresDb(pool);
  await db.query('SELECT 1');
  return db;
}
