import type { Db } from '../db/db.ts';

/** Who is acting. Every write records it; access control (roles, scopes) builds on it. */
export interface Actor {
  username: string;
}

/** What every domain function that writes receives: the database and the actor. */
export interface Ctx {
  db: Db;
  actor: Actor;
}
