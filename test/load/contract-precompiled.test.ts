import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../../src/common/built.js';
import { readContract, SPEC_DATA_FILE } from '../../src/load/contract.js';
import { tempDir } from '../fixtures/temp.js';
import { ROOT } from './helpers.js';

describe('the spec data npm run build writes for contract coverage (dist/validators/spec-data.json)', () => {
  it('holds the shipped spec, and gives the contract parsing an edited copy gives', () => {
    const spec = join(ROOT, 'specs', 'openapi.yaml');
    const text = readFileSync(spec, 'utf8');
    const built = JSON.parse(readFileSync(builtFile(SPEC_DATA_FILE)!, 'utf8')) as { text: string }[];
    expect(built.map((b) => b.text)).toContain(text);

    // The same spec with a comment added: not the text the build read, so it is parsed now.
    const dir = tempDir();
    cpSync(join(ROOT, 'specs'), join(dir, 'specs'), { recursive: true });
    cpSync(join(ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
    writeFileSync(join(dir, 'specs', 'openapi.yaml'), `${text}\n# edited\n`);
    const fromBuild = readContract([spec]);
    const parsed = readContract([join(dir, 'specs', 'openapi.yaml')]);
    const shape = (c: ReturnType<typeof readContract>) => c.operations.map((op) => ({ ...op, schemas: [...op.schemas.keys()] }));
    expect(shape(fromBuild)).toEqual(shape(parsed));
    expect(fromBuild.operations.flatMap((op) => op.points).length).toBeGreaterThan(50);
  });
});
