import os from 'node:os';
import { systemActor, type Actor } from '../core/context.ts';

/** Until accounts exist, CLI writes are recorded under the operating-system user. */
export function cliActor(): Actor {
  return systemActor(`cli:${os.userInfo().username}`);
}
