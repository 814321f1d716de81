import { describe, expect, it } from 'vitest';
import { gsc } from '../../e2e/support.js';
import { workdir } from './support.js';

/** A config whose one target `contoso` has its URL, plus `extra` lines for it. */
const T = (extra: string): string => `targets:\n  contoso:\n    target: https://graph.microsoft.com/v1.0\n${extra}`;

type Row = [what: string, stderr: string, yaml: string | undefined, args: string[], env?: Record<string, string>, files?: Record<string, string>];

/**
 * Every way a config file can be wrong, and exactly what `gsc run` prints for it: file:line:col,
 * the line (secrets masked), what is wrong and how to fix it. `{dir}` is the working directory.
 */
const rows: Row[] = [
  [
    "invalid YAML, pointed at the bracket left open",
    `error[yaml-syntax]: invalid YAML: \`[\` is never closed
 --> gsc.config.yaml:3:13
  |
3 |     target: [https://x
  |             ^
  = help: add the \`]\` that ends it

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    'targets:\n  contoso:\n    target: [https://x\n', [],
  ],
  [
    "a file of comments only",
    `error[empty]: the config file is empty
 --> gsc.config.yaml:1:1
  |
1 | # only a comment
  | ^^^^^^^^^^^^^^^^
  = help: add \`targets:\` with at least one named target; see docs/configuration.md

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    '# only a comment\n', [],
  ],
  [
    "a list instead of a mapping",
    `error[wrong-type]: the config file must be a mapping, not a list
 --> gsc.config.yaml:1:1
  |
1 | - contoso
  | ^^^^^^^^^
  = help: a config file maps \`targets:\` to named targets; see docs/configuration.md

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    '- contoso\n', [],
  ],
  [
    "no `targets:`",
    `error[missing-key]: missing key \`targets\` in the config file
 --> gsc.config.yaml:1:1
  |
1 | default: contoso
  | ^^^^^^^^^^^^^^^^
  = help: add \`targets:\` — The named targets, at least one

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    'default: contoso\n', [],
  ],
  [
    "a misspelt top-level key, with a did-you-mean",
    `error[unknown-key]: unknown key \`targts\` in the config file
 --> gsc.config.yaml:1:1
  |
1 | targts:
  | ^^^^^^
  = help: did you mean \`targets\`?

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    'targts:\n  contoso:\n    target: https://graph.microsoft.com/v1.0\n', [],
  ],
  [
    "`targets:` without any target",
    `error[empty]: \`targets\` is empty
 --> gsc.config.yaml:1:10
  |
1 | targets: {}
  |          ^^
  = help: add a target, e.g. \`contoso: { target: https://graph.microsoft.com/v1.0, token: { env: CONTOSO_TOKEN } }\`

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    'targets: {}\n', [],
  ],
  [
    "a target without its URL",
    `error[missing-key]: missing key \`target\` in target \`contoso\`
 --> gsc.config.yaml:2:3
  |
2 |   contoso:
  |   ^^^^^^^
  = help: add \`target:\` — Base URL with the version segment, e.g. https://graph.microsoft.com/v1.0 (--target)

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    'targets:\n  contoso:\n    template: BoxOutDelta\n', [],
  ],
  [
    "a target URL without its scheme",
    `error[invalid-value]: invalid target URL \`graph.microsoft.com/v1.0\`
 --> gsc.config.yaml:3:13
  |
3 |     target: graph.microsoft.com/v1.0
  |             ^^^^^^^^^^^^^^^^^^^^^^^^
  = help: Base URL with the version segment, e.g. https://graph.microsoft.com/v1.0 (--target)

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    'targets:\n  contoso:\n    target: graph.microsoft.com/v1.0\n', [],
  ],
  [
    "a client id that is not a GUID",
    `error[invalid-value]: invalid client id \`my-app\`
 --> gsc.config.yaml:4:15
  |
4 |     clientId: my-app
  |               ^^^^^^
  = help: The application (client) GUID on the app registration's Overview page (--client-id)

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    clientId: my-app\n'), [],
  ],
  [
    "a key without a value",
    `error[wrong-type]: \`template\` must be a string, not empty
 --> gsc.config.yaml:4:5
  |
4 |     template:
  |     ^^^^^^^^
  = help: give \`template\` a value, or remove the key

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    template:\n'), [],
  ],
  [
    "a key given twice",
    `error[duplicate-key]: duplicate key \`template\`
 --> gsc.config.yaml:5:5
  |
5 |     template: B
  |     ^^^^^^^^
  = help: \`template\` is first given at line 4; a key may appear once per mapping: keep one

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    template: A\n    template: B\n'), [],
  ],
  [
    "an inline token: refused, and masked in the line shown",
    `error[inline-secret]: \`token\` holds a secret written into the config file; the file may only say where the secret is
 --> gsc.config.yaml:4:12
  |
4 |     token: **************************************
  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: move the value to an environment variable or a file outside version control, and refer to it: \`token: { env: CONTOSO_TOKEN }\` or \`token: { file: ./secrets/contoso.txt }\`

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    token: eyJ0eXAiOiJKV1QiLCJhbGciOi.secret-part\n'), [],
  ],
  [
    "an inline client secret in a block scalar",
    `error[inline-secret]: \`clientSecret\` holds a secret written into the config file; the file may only say where the secret is
 --> gsc.config.yaml:4:19
  |
4 |     clientSecret: *
  |                   ^
  = help: move the value to an environment variable or a file outside version control, and refer to it: \`clientSecret: { env: CONTOSO_CLIENT_SECRET }\` or \`clientSecret: { file: ./secrets/contoso.txt }\`

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    clientSecret: |\n      line-one-SECRET\n'), [],
  ],
  [
    "a reference giving both `env` and `file`",
    `error[invalid-value]: \`clientSecret\` gives both \`env\` and \`file\`
 --> gsc.config.yaml:4:19
  |
4 |     clientSecret: { env: A, file: ./b.txt }
  |                   ^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: keep one: the secret comes from one place

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    clientSecret: { env: A, file: ./b.txt }\n'), [],
  ],
  [
    "an empty reference",
    `error[empty]: \`clientSecret\` is empty
 --> gsc.config.yaml:4:19
  |
4 |     clientSecret: {}
  |                   ^^
  = help: give \`env: NAME\` (an environment variable) or \`file: PATH\` (a file holding the secret)

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    clientSecret: {}\n'), [],
  ],
  [
    "a secret pasted where the variable name belongs: masked",
    `error[invalid-value]: \`env\` must name an environment variable, not hold the secret
 --> gsc.config.yaml:5:12
  |
5 |       env: ***************
  |            ^^^^^^^^^^^^^^^
  = help: Name of the environment variable that holds the secret, e.g. CONTOSO_CLIENT_SECRET; put the secret in that variable

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    clientSecret:\n      env: Xy8Q~abc.SECRET\n'), [],
  ],
  [
    "`default:` naming no target, with a did-you-mean",
    `error[unknown-target]: \`default\` names no target: \`contso\`
 --> gsc.config.yaml:1:10
  |
1 | default: contso
  |          ^^^^^^
  = help: did you mean \`contoso\`? the only target is \`contoso\`

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    'default: contso\n' + T(''), [],
  ],
  [
    "a target name with a space",
    `error[invalid-value]: invalid target name \`contoso prod\`
 --> gsc.config.yaml:2:3
  |
2 |   contoso prod:
  |   ^^^^^^^^^^^^
  = help: Letters, digits, - and _, starting with a letter or digit, e.g. contoso-prod

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    'targets:\n  contoso prod:\n    target: https://graph.microsoft.com/v1.0\n', [],
  ],
  [
    "several targets, no `default`, no --target-name",
    `error[no-target-chosen]: gsc.config.yaml has 2 targets and no \`default\`
 --> gsc.config.yaml:1:1
  |
1 | targets:
  | ^^^^^^^
  = help: choose one with --target-name NAME (or GSC_TARGET_NAME): \`contoso\` or \`fabrikam\`; or add \`default: NAME\` to the file

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('') + '  fabrikam:\n    target: https://graph.microsoft.com/beta\n', [],
  ],
  [
    "--target-name naming no target: the names are listed",
    `error[unknown-target]: --target-name names no target of gsc.config.yaml: \`Contoso\`
 --> gsc.config.yaml:1:1
  |
1 | targets:
  | ^^^^^^^
  = help: did you mean \`contoso\`? the targets are \`contoso\` and \`fabrikam\`

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('') + '  fabrikam:\n    target: https://graph.microsoft.com/beta\n', ['--target-name', 'Contoso'],
  ],
  [
    "--target-name without a config file",
    `gsc run: --target-name contoso needs a config file, and there is no gsc.config.yaml in {dir}: write one (docs/configuration.md) or name it with --config FILE
`,
    undefined, ['--target-name', 'contoso'],
  ],
  [
    "--config naming a missing file",
    `error[unreadable-config]: cannot read the config file \`nope.yaml\`: no such file or folder
  = help: check the path --config gives; relative paths start at {dir}

gsc: 1 error(s) in the config file; nothing was sent. See docs/configuration.md.
`,
    undefined, ['--config', 'nope.yaml'],
  ],
  [
    "a reference to an unset environment variable",
    `error[unset-secret-variable]: \`token\` of target \`contoso\` refers to the environment variable \`CONTOSO_TOKEN\`, which is not set
 --> gsc.config.yaml:4:19
  |
4 |     token: { env: CONTOSO_TOKEN }
  |                   ^^^^^^^^^^^^^
  = help: set CONTOSO_TOKEN before running gsc (in CI, from the pipeline's secret store), or refer to a file: \`token: { file: PATH }\`

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    token: { env: CONTOSO_TOKEN }\n'), [],
  ],
  [
    "a reference to an empty environment variable",
    `error[unset-secret-variable]: \`token\` of target \`contoso\` refers to the environment variable \`CONTOSO_TOKEN\`, which is empty
 --> gsc.config.yaml:4:19
  |
4 |     token: { env: CONTOSO_TOKEN }
  |                   ^^^^^^^^^^^^^
  = help: set CONTOSO_TOKEN before running gsc (in CI, from the pipeline's secret store), or refer to a file: \`token: { file: PATH }\`

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    token: { env: CONTOSO_TOKEN }\n'), [], { CONTOSO_TOKEN: ' ' },
  ],
  [
    "a reference to a missing file",
    `error[unreadable-secret-file]: cannot read \`./secrets/token.txt\`, the file \`token\` of target \`contoso\` refers to: no such file or folder
 --> gsc.config.yaml:4:20
  |
4 |     token: { file: ./secrets/token.txt }
  |                    ^^^^^^^^^^^^^^^^^^^
  = help: a relative path starts at the config file's folder ({dir}); or refer to an environment variable: \`token: { env: NAME }\`

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    token: { file: ./secrets/token.txt }\n'), [],
  ],
  [
    "a reference to an empty file",
    `error[empty-secret-file]: \`./secrets/token.txt\`, the file \`token\` of target \`contoso\` refers to, is empty
 --> gsc.config.yaml:4:20
  |
4 |     token: { file: ./secrets/token.txt }
  |                    ^^^^^^^^^^^^^^^^^^^
  = help: write the secret into it, alone on its first line

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    token: { file: ./secrets/token.txt }\n'), [], {}, { 'secrets/token.txt': '\n' },
  ],
  [
    "a client certificate that cannot be read",
    `error[unreadable-file]: cannot read \`./certs/gsc.pem\`, the file \`clientCertificate\` of target \`contoso\` names: no such file or folder
 --> gsc.config.yaml:6:24
  |
6 |     clientCertificate: ./certs/gsc.pem
  |                        ^^^^^^^^^^^^^^^
  = help: a relative path starts at the config file's folder ({dir})

gsc: 1 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`,
    T('    tenantId: contoso.onmicrosoft.com\n    clientId: 00000000-0000-0000-0000-00000000000a\n    clientCertificate: ./certs/gsc.pem\n'), [],
  ],
  [
    "a binary file",
    `error[not-text]: the config file \`bin.yaml\` is not UTF-8 text
 --> bin.yaml:1:1
  = help: a config file is YAML text; see docs/configuration.md

gsc: 1 error(s) in the config file; nothing was sent. See docs/configuration.md.
`,
    undefined, ['--config', 'bin.yaml'], {}, { 'bin.yaml': 'targets:\u0000' },
  ],
];

describe('an invalid config file stops gsc run before anything is sent (exit 2)', () => {
  it.each(rows.map((r) => [r[0], r] as const))('%s', async (_what, [, stderr, yaml, args, env, files]) => {
    const dir = workdir(yaml, files ?? {});
    const run = await gsc(['run', ...args], { cwd: dir, env: env ?? {} });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split(dir).join('{dir}')).toBe(stderr);
  });
});

describe('one pass shows every problem', () => {
  it('lists them in line order, for gsc cleanup as for gsc run', async () => {
    const dir = workdir('default: contso\ntargets:\n  contoso:\n    target: https://graph.microsoft.com/v1.0\n    cloud: Global\n    templat: BoxOutDelta\n    concurrency: "2"\n    allowWrites: yes\n');
    const run = await gsc(['cleanup'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error[unknown-target]: \`default\` names no target: \`contso\`
 --> gsc.config.yaml:1:10
  |
1 | default: contso
  |          ^^^^^^
  = help: did you mean \`contoso\`? the only target is \`contoso\`

error[invalid-value]: invalid cloud \`Global\`
 --> gsc.config.yaml:5:12
  |
5 |     cloud: Global
  |            ^^^^^^
  = help: did you mean \`global\`? \`cloud\` is one of \`global\`, \`usgov\`, \`usgovdod\` or \`china\`

error[unknown-key]: unknown key \`templat\` in target \`contoso\`
 --> gsc.config.yaml:6:5
  |
6 |     templat: BoxOutDelta
  |     ^^^^^^^
  = help: did you mean \`template\`?

error[wrong-type]: \`concurrency\` must be a whole number, not the string \`2\`
 --> gsc.config.yaml:7:18
  |
7 |     concurrency: "2"
  |                  ^^^
  = help: write the number without quotes: 2

error[wrong-type]: \`allowWrites\` must be \`true\` or \`false\`, not the string \`yes\`
 --> gsc.config.yaml:8:18
  |
8 |     allowWrites: yes
  |                  ^^^
  = help: write \`true\` or \`false\`; YAML reads yes as text

gsc: 5 error(s) in the config file gsc.config.yaml; nothing was sent. See docs/configuration.md.
`);
  });
});
