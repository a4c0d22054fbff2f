import os from 'node:os';
import type { Actor } from '../core/context.ts';

/** Until accounts exist, CLI writes are recorded under the operating-system user. */
export function cliActor(): Actor {
  return { username: `cli:${os.userInfo().username}` };
}
