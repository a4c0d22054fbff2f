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
 * When a process started (Linux: clock ticks since boot, /proc/PID/stat field 22), or null where
 * that cannot be read. A PID is reused once its process is gone; PID and start time are not.
 */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote a lock ("PID" or "PID START") still runs: a PID reused by another process does not count. */
function holderRuns(content: string): { pid: number; runs: boolean } {
  const [pidText, start] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return { pid: 0, runs: false };
  if (!isAlive(pid)) return { pid, runs: false };
  const now = start ? startTimeOf(pid) : null;
  return { pid, runs: !(start && now !== null && now !== start) };
}

/**
 * PGlite does not lock its data dir, and two processes writing one would corrupt it.
 * A lock file holding our PID and start time; a lock whose process is gone (killed with -9,
 * or its PID now another process's) is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(path.resolve(dataDir)), `.${path.basename(dataDir)}.padme.lock`);
  const start = startTimeOf(process.pid);
  const mine = start ? `${process.pid} ${start}` : String(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, mine, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === mine) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const { pid: holder, runs } = holderRuns(fs.readFileSync(lockFile, 'utf8'));
      if (runs) {
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
