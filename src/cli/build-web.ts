import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(ROOT, 'dist', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the web UI with Vite when dist/web is missing or older than its sources. */
export async function buildWebIfStale(): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = [path.join(ROOT, 'web'), path.join(ROOT, 'src', 'core'), path.join(ROOT, 'src', 'features')];
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built > Math.max(...sources.map(newestMtime), fs.statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs)) return;
  process.stdout.write('Building the web UI…\n');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
