/** The PGlite data-dir lock: who holds it, and which locks are stale (a killed process, a reused PID). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './lock.ts';

describe('acquireDataDirLock', () => {
  let base: string;
  let dataDir: string;
  let lockFile: string;
  const myStart = () => {
    const stat = fs.readFileSync(`/proc/${process.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
  };
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-lock-'));
    dataDir = path.join(base, 'data');
    lockFile = path.join(base, '.data.padme.lock');
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('writes "PID START" and removes the file on release', () => {
    const release = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(`${process.pid} ${myStart()}`);
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('refuses a directory held by a running process (this one), in either format', () => {
    const message = `The data directory ${dataDir} is in use by another PADME process (PID ${process.pid}). Stop it first, or choose another directory with --data.`;
    fs.writeFileSync(lockFile, `${process.pid} ${myStart()}`);
    expect(() => acquireDataDirLock(dataDir)).toThrow(message);
    fs.writeFileSync(lockFile, String(process.pid));
    expect(() => acquireDataDirLock(dataDir)).toThrow(message);
  });

  it('takes over a lock whose PID now belongs to another process (start time differs)', () => {
    fs.writeFileSync(lockFile, `${process.pid} 1`);
    const release = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(`${process.pid} ${myStart()}`);
    release();
  });

  it('takes over an empty or garbled lock file (a process killed while writing it)', () => {
    for (const content of ['', 'garbage', '-5']) {
      fs.writeFileSync(lockFile, content);
      const release = acquireDataDirLock(dataDir);
      release();
      expect(fs.existsSync(lockFile)).toBe(false);
    }
  });
});
