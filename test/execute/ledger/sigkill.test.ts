import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformWithOxc } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingItems, readLedger } from '../../../src/execute/ledger/index.js';
import { JOBS, SP, TARGET, tempDir } from './helpers.js';

/**
 * The child runs the real ledger code: this folder's TypeScript, stripped of its types into
 * plain ESM (the same transform vitest applies), so no build step or loader is needed.
 */
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src');
let root: string;
let moduleDir: string;

beforeAll(async () => {
  // The ledger and the leaf module it imports (src/common/), at the same places relative to each other.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gsc-ledger-module-'));
  moduleDir = path.join(root, 'execute', 'ledger');
  for (const folder of ['execute/ledger', 'common']) {
    fs.mkdirSync(path.join(root, folder), { recursive: true });
    for (const name of fs.readdirSync(path.join(src, folder)).filter((n) => n.endsWith('.ts'))) {
      const { code } = await transformWithOxc(fs.readFileSync(path.join(src, folder, name), 'utf8'), name, { lang: 'ts' });
      fs.writeFileSync(path.join(root, folder, name.replace(/\.ts$/, '.js')), code);
    }
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs `body` in a child that reports progress on stdout; kills it with SIGKILL once `ready` says so. */
function runAndKill(body: string, file: string, ready: (stdout: string) => boolean, options = ''): Promise<{ stdout: string; signal: NodeJS.Signals | null }> {
  const script = `import * as fs from 'node:fs';
import * as os from 'node:os';
import { Ledger } from ${JSON.stringify(path.join(moduleDir, 'ledger.js'))};
const say = (s) => fs.writeSync(1, s + '\\n');
const ledger = Ledger.open(process.argv[2], { runId: 'doomed', target: ${JSON.stringify(TARGET)}${options} });
const intent = { target: ${JSON.stringify(TARGET)}, collectionPath: ${JSON.stringify(JOBS)}, servicePrincipalId: ${JSON.stringify(SP)}, templateId: 'scim', existingIds: [] };
${body}`;
  const scriptFile = path.join(moduleDir, `child-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(scriptFile, script);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [scriptFile, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (ready(stdout)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (!ready(stdout)) reject(new Error(`the child ended before it was ready: ${stderr}`));
      else resolve({ stdout, signal });
    });
  });
}

describe('a run killed with SIGKILL', () => {
  it('keeps the created record written just before the kill', async () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const body = `const intentId = ledger.recordIntent(intent);
ledger.recordCreated({ intentId, target: intent.target, path: intent.collectionPath + '/scim.7', id: 'scim.7' });
say('created');
setInterval(() => {}, 1000);`;
    const { signal } = await runAndKill(body, file, (out) => out.includes('created'));
    expect(signal).toBe('SIGKILL');

    const { entries, problems } = readLedger(file);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.type)).toEqual(['intent', 'created']);
    expect(pendingItems(entries).items).toMatchObject([{ id: 'scim.7', path: `${JOBS}/scim.7`, runId: 'doomed' }]);
  });

  it('loses no acknowledged record when killed in the middle of writing', async () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const body = `for (let n = 1; ; n++) {
  const intentId = ledger.recordIntent(intent);
  ledger.recordCreated({ intentId, target: intent.target, path: intent.collectionPath + '/job.' + n, id: 'job.' + n });
  say(String(n));
}`;
    const acknowledged = (out: string) => out.split('\n').filter((l) => /^\d+$/.test(l)).length;
    const { stdout } = await runAndKill(body, file, (out) => acknowledged(out) >= 40);

    const { entries, problems } = readLedger(file);
    const ids = new Set(pendingItems(entries).items.map((i) => i.id));
    for (let n = 1; n <= acknowledged(stdout); n++) expect(ids.has(`job.${n}`), `job.${n}`).toBe(true);
    // The kill may land mid-line; then only the last line is torn.
    expect(problems.filter((p) => p.code !== 'ledger-truncated-line')).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
  });

  it('loses no intent a worker was told is on disk, with eight workers sharing group commits', async () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const body = `const worker = async (w) => {
  for (let n = 1; ; n++) {
    const intentId = ledger.recordIntent(intent);
    await ledger.synced();
    say('intent ' + intentId);
    ledger.recordCreated({ intentId, target: intent.target, path: intent.collectionPath + '/job.' + w + '.' + n, id: 'job.' + w + '.' + n });
  }
};
for (let w = 0; w < 8; w++) void worker(w);`;
    const acknowledged = (out: string) => out.split('\n').flatMap((l) => (l.startsWith('intent ') ? [l.slice(7)] : []));
    const { stdout } = await runAndKill(body, file, (out) => acknowledged(out).length >= 80, ", durability: 'group'");

    const { entries, problems } = readLedger(file);
    const intents = new Set(entries.flatMap((e) => (e.type === 'intent' ? [e.intentId] : [])));
    for (const id of acknowledged(stdout)) expect(intents.has(id), id).toBe(true);
    expect(problems.filter((p) => p.code !== 'ledger-truncated-line')).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
  });
});
