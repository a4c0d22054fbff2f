import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not lock its data dir, and two processes writing one would corrupt it.
 * A lock file holding our PID; a lock whose process is gone is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(path.resolve(dataDir)), `.${path.basename(dataDir)}.padme.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (holder && isAlive(holder)) {
        throw new AppError(
          'database_locked',
          `The data directory ${path.resolve(dataDir)} is in use by another PADME process (PID ${holder}). Stop it first, or choose another directory with --data.`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new AppError('database_locked', `Could not lock the data directory ${path.resolve(dataDir)}`);
}
