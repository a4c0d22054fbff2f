/**
 * A headless chromium (Debian's, through playwright-core) for browser tests against a real server
 * with the demo data and accounts: launching it, signing in, and waiting for a text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildWebIfStale } from '../../src/cli/build-web.ts';
import { CHROMIUM_PATH } from './env.ts';
import { once } from './run-cache.ts';
import type { TestServer } from './server.ts';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the web UI (dist/web) when it is stale, once per run: browser suites in two workers would otherwise build it side by side. */
export async function buildWebOnce(): Promise<void> {
  await once('web-ui', async () => {
    await buildWebIfStale();
    return true;
  });
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh profile in Thai (Asia/Bangkok), 1360×900. */
export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error('no chromium (PADME_CHROMIUM or /usr/bin/chromium)');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1360, height: 900 },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const tid = (id: string) => `[data-testid="${id}"]`;

/** Waits (up to 5 s) for the element's text to become `expected`, then asserts it (so a failure shows the actual text). */
export async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  const locator = page.locator(selector).first();
  const deadline = Date.now() + 5000;
  let actual: string | null = null;
  while (Date.now() < deadline) {
    actual = (await locator.textContent({ timeout: 5000 }).catch(() => null))?.trim() ?? null;
    if (actual === expected) break;
    await page.waitForTimeout(50);
  }
  expect(actual, selector).toBe(expected);
}

/** Signs in afresh (cookies dropped) as a demo account through the sign-in form, then opens `path`'s page. */
export async function signInAs(b: Browser, server: TestServer, username: string, path = '/'): Promise<void> {
  const u = server.demoUsers.find((d) => d.username === username);
  if (!u) throw new Error(`no demo user ${username}`);
  await b.context.clearCookies();
  await b.page.goto(`${server.url}${path}`);
  const form = b.page.getByRole('form', { name: 'เข้าสู่ระบบ' });
  await form.getByLabel('ชื่อผู้ใช้').fill(username);
  await form.getByLabel('รหัสผ่าน').fill(u.password);
  await form.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await b.page.locator(tid('user-name')).waitFor();
}
