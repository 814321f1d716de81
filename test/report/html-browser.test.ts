import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHtmlReporter } from '../../src/report/html/index.js';
import { captureStream, cases, hostile, run, summary } from './fixtures.js';

/** Debian's `chromium` package; `.ci/run` installs it on a fresh machine. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Without the browser a developer's run says so and goes on; CI must never pass without it.
const runnable = existsSync(CHROMIUM) || process.env.CI === 'true';

describe.skipIf(!runnable)('report.html in a real browser (headless Chromium)', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const consoleMessages: string[] = [];
  let dialogs = 0;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium), as .ci/run does`);
    dir = await mkdtemp(join(tmpdir(), 'gsc-html-browser-'));
    await run(createHtmlReporter({ outDir: dir, stream: captureStream().stream, color: false }), [...cases, hostile], { ...summary, counts: { ...summary.counts, failed: 2 } });
    // A fresh profile (--user-data-dir) per run: no state from an earlier browser session.
    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => consoleMessages.push(m.text()));
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders the verdict, the summary by level with its chart, and every case', async () => {
    await expect(page.locator('.verdict').textContent()).resolves.toContain('NOT conformant at level MUST');
    await expect(page.locator('table.tally tbody tr').count()).resolves.toBe(3);
    expect(await page.locator('svg.chart rect.seg').count()).toBeGreaterThan(0);
    expect(await page.locator('.case').count()).toBe(5);
    expect(await page.locator('.case:visible').count()).toBe(5);
    // The failed case is open and its finding's pointer is marked in the response body.
    const failedCase = page.locator('.case[data-status="failed"][data-level="MUST"]');
    await expect(failedCase.locator('pre.body mark').first().isVisible()).resolves.toBe(true);
    // Links to the doc each case enforces.
    await expect(failedCase.locator('a.doc').getAttribute('href')).resolves.toBe('https://learn.microsoft.com/graph/api/synchronization-synchronization-post-jobs');
  });

  it('loads nothing but the file itself: no script, font, style or image from anywhere', () => {
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
    expect(requests.filter((u) => u.startsWith('file://'))).toHaveLength(1);
  });

  it('filters by status and by level: unchecking a box hides exactly those cases', async () => {
    const visibleIds = async () => page.locator('.case:visible code.id').allTextContents();
    await page.locator('label.chip', { has: page.locator('#show-passed') }).click();
    expect(await visibleIds()).not.toContain('create/answers-201-with-a-job');
    expect(await page.locator('.case:visible').count()).toBe(4);

    await page.locator('label.chip', { has: page.locator('#show-MUST') }).click();
    const left = await page.locator('.case:visible').evaluateAll((els) => els.map((e) => [e.getAttribute('data-status'), e.getAttribute('data-level')]));
    expect(left.sort()).toEqual([
      ['failed', 'MAY'],
      ['skipped', 'SHOULD'],
    ]);

    // Checking them again shows everything.
    await page.locator('label.chip', { has: page.locator('#show-passed') }).click();
    await page.locator('label.chip', { has: page.locator('#show-MUST') }).click();
    expect(await page.locator('.case:visible').count()).toBe(5);
  });

  it('takes a full-page screenshot', async () => {
    const path = join(dir, 'report.png');
    await page.screenshot({ path, fullPage: true });
    const png = await readFile(path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect((await stat(path)).size).toBeGreaterThan(20_000);
  });

  it('runs no script from a hostile body, title, header or finding, and shows the markup as text', async () => {
    expect(await page.evaluate(() => (globalThis as { __gscPwned?: number }).__gscPwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(await page.locator('script, img, iframe, body svg:not(.chart)').count()).toBe(0);
    const hostileCase = page.locator('.case[data-level="MAY"]');
    await hostileCase.locator('summary').first().click();
    await expect(hostileCase.locator('pre.body').last().textContent()).resolves.toContain('<script>window.__gscPwned=1</script>');
    await expect(hostileCase.locator('.title').textContent()).resolves.toContain('<img src=x onerror=');
    // A javascript: doc is shown, never linked.
    expect(await hostileCase.locator('a.doc').count()).toBe(0);
    // Nothing even tried to run: a blocked attempt would be a CSP report on the console.
    expect(consoleMessages.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
  });

  it('stays inert with its Content-Security-Policy removed: the escaping alone keeps scripts out', async () => {
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    const bare = join(dir, 'no-csp.html');
    await writeFile(bare, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
    const p = await context.newPage();
    await p.goto(pathToFileURL(bare).href);
    expect(await p.locator('meta[http-equiv]').count()).toBe(0);
    expect(await p.locator('.case').count()).toBe(5);
    expect(await p.evaluate(() => (globalThis as { __gscPwned?: number }).__gscPwned)).toBeUndefined();
    expect(await p.locator('script, img, iframe').count()).toBe(0);
    await p.close();
  });
});
