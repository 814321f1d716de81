import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../../src/cli/config/index.js';
import { YamlFile } from '../../../src/load/index.js';
import { gsc } from '../../e2e/support.js';
import { dedent, runSettings, workdir } from './support.js';

const SECRET = 'Xy8Q~s3cr3t.value-42';

describe('secret references', () => {
  it('reads a client secret from the environment variable the file names', () => {
    const dir = workdir(`
      targets:
        contoso:
          target: https://graph.microsoft.com/v1.0
          tenantId: contoso.onmicrosoft.com
          clientId: 00000000-0000-0000-0000-00000000000a
          clientSecret: { env: CONTOSO_CLIENT_SECRET }
    `);
    const { settings } = runSettings(dir, [], { CONTOSO_CLIENT_SECRET: SECRET });
    expect(settings?.get('client-secret')).toBe(SECRET);
    expect(settings?.source('client-secret')).toEqual({ kind: 'config', label: 'gsc.config.yaml targets.contoso.clientSecret' });
  });

  it('reads a token from a file relative to the config file, without its line break', () => {
    const dir = workdir('targets:\n  lab:\n    target: http://127.0.0.1:9/v1.0\n    token: { file: secrets/lab.txt }\n', { 'secrets/lab.txt': `${SECRET}\r\n` });
    expect(runSettings(dir, [], {}).settings?.get('token')).toBe(SECRET);
  });

  it('resolves a certificate path against the config file folder', () => {
    const dir = workdir('targets:\n  lab:\n    target: http://127.0.0.1:9/v1.0\n    tenantId: contoso.onmicrosoft.com\n    clientId: 00000000-0000-0000-0000-00000000000a\n    clientCertificate: certs/gsc.pem\n', { 'certs/gsc.pem': 'PEM' });
    expect(runSettings(dir, [], {}).settings?.get('client-certificate')).toBe(`${dir}/certs/gsc.pem`);
  });

  it('never prints a resolved secret: a dry run shows the requests, not the credentials', async () => {
    const dir = workdir('targets:\n  contoso:\n    target: https://graph.microsoft.com/v1.0\n    token: { env: CONTOSO_TOKEN }\n    servicePrincipal: SP\n    template: BoxOutDelta\n');
    const run = await gsc(['run', '--dry-run', '--grep', '^list/'], { cwd: dir, env: { CONTOSO_TOKEN: SECRET } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('GET https://graph.microsoft.com/v1.0/servicePrincipals/SP/synchronization/jobs');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});

describe('a secret written into the config file', () => {
  it.each([
    ['plain', `clientSecret: ${SECRET}`],
    ['quoted', `clientSecret: "${SECRET}"`],
    ['block scalar', `clientSecret: |\n      ${SECRET}`],
    ['under a misspelt key', `clientSecrt: ${SECRET}`],
    ['inside a reference', `clientSecret: { value: ${SECRET} }`],
    ['as the variable name', `clientSecret: { env: ${SECRET} }`],
    ['on a line YAML cannot parse', `clientSecret: ${SECRET}: more`],
  ])('is refused and never shown (%s)', async (_how, line) => {
    const dir = workdir(`targets:\n  contoso:\n    target: https://graph.microsoft.com/v1.0\n    tenantId: contoso.onmicrosoft.com\n    clientId: 00000000-0000-0000-0000-00000000000a\n    ${line}\n`);
    const run = await gsc(['run'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--> gsc\.config\.yaml:\d+:\d+/);
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr).not.toContain('s3cr3t');
  });

  it('says how to refer to it instead', async () => {
    const run = await gsc(['run'], { cwd: workdir(`targets:\n  contoso-prod:\n    target: https://graph.microsoft.com/v1.0\n    clientSecret: ${SECRET}\n`) });
    expect(run.stderr).toContain('error[inline-secret]: `clientSecret` holds a secret written into the config file; the file may only say where the secret is');
    expect(run.stderr).toContain('`clientSecret: { env: CONTOSO_PROD_CLIENT_SECRET }` or `clientSecret: { file: ./secrets/contoso-prod.txt }`');
  });
});

describe('masking the file for messages', () => {
  const text = dedent(`
    targets:
      contoso:
        target: https://graph.microsoft.com/v1.0
        token: ${SECRET}
        clientSecret: { env: CONTOSO_SECRET }
        apiPassword: hunter2   # a key that looks secret
  `);

  it('masks secret values with as many stars, so carets still point at them', () => {
    const masked = maskSecrets(text, new YamlFile('gsc.config.yaml', text));
    expect(masked).toContain(`    token: ${'*'.repeat(SECRET.length)}\n`);
    expect(masked).toContain('    apiPassword: *******');
    expect(masked.length).toBe(text.length);
  });

  it('keeps references and everything else readable', () => {
    const masked = maskSecrets(text, new YamlFile('gsc.config.yaml', text));
    expect(masked).toContain('clientSecret: { env: CONTOSO_SECRET }');
    expect(masked).toContain('target: https://graph.microsoft.com/v1.0');
  });
});
