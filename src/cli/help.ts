import type { FlagDef } from './flags.js';
import { baselineFlags, cleanupFlags, coverageFlags, diffFlags, mergeFlags, proxyFlags, runFlags, selectionFlags } from './flags.js';

/** Where settings come from; shown by the commands that read the config file. */
const CONFIG_TEXT = `Config file:
  Named targets live in gsc.config.yaml in the working directory (or --config FILE, GSC_CONFIG):
    default: contoso
    targets:
      contoso:
        target: https://graph.microsoft.com/v1.0
        tenantId: contoso.onmicrosoft.com
        clientId: 00000000-0000-0000-0000-000000000000
        clientSecret: { env: CONTOSO_CLIENT_SECRET }   # or { file: PATH }; never the secret itself
        servicePrincipal: 11111111-1111-1111-1111-111111111111
        allowWrites: true
  --target-name NAME (GSC_TARGET_NAME) picks one; else \`default:\`, else the only target.
  Precedence: flag > environment variable > config file > default. A token given by flag or
  environment replaces the file's client credentials; a client secret or certificate replaces
  its token and its other client credential.
  Keys: the \`config\` name shown with each flag above.
  Format and examples: docs/configuration.md; schema: schemas/config.schema.json.`;

/** How the proxy is used and when it stops; the exit codes are a run's. */
const PROXY_TEXT = `Point the client's base URL at the printed proxy URL (the upstream's path on the proxy's
origin). Each exchange is forwarded with the client's own Authorization, answered unchanged, and
reported as one case named by its operation: a request step (credentials, JSON body valid for the
operation) and a response step (documented status, body valid against its schema, Graph error
shape), all of it the contract's MUST: any finding fails the traffic (exit 1). An operation
specs/ does not hold is skipped as unknown. Reports are written when the
proxy stops: on SIGINT or SIGTERM, or after --exit-after N exchanges. Credentials and tokens are
never printed, reported or recorded.
Real SDKs send tokens only over HTTPS: use --tls, and trust the printed certificate
(NODE_EXTRA_CA_CERTS=FILE). An upstream that could not be reached counts as an error (exit 3).`;

/** What each command is for, and its flags, as `gsc --help` and `gsc CMD --help` show them. */
export const commands: Record<string, { usage: string; summary: string; flags: FlagDef[]; more?: string; exits?: string }> = {
  run: { usage: 'gsc run [paths…] [flags]', summary: 'run the suites against a target (default: the embedded emulator)', flags: runFlags, more: CONFIG_TEXT },
  lint: { usage: 'gsc lint [paths…]', summary: 'check suite files without sending anything', flags: [], exits: exitText([[0, 'every suite file is valid'], [2, 'a suite file is invalid (each problem at file:line:col) or a bad invocation']]) },
  list: { usage: 'gsc list [paths…] [--grep RE] [--tags LIST]', summary: 'print the cases a run would select', flags: selectionFlags, exits: exitText([[0, 'the selected cases were listed'], [2, 'nothing matched the selection, a suite file is invalid, or a bad invocation']]) },
  cleanup: { usage: 'gsc cleanup --target URL [--ledger FILE] [credentials]', summary: 'delete what an interrupted or killed run left behind, as its ledger records', flags: cleanupFlags, more: 'Config file: the chosen target of gsc.config.yaml (--config, --target-name) gives the target and credentials,\nbelow flags and environment variables, as for gsc run; see docs/configuration.md.', exits: exitText([[0, 'everything the ledger records is deleted or already gone'], [1, 'something may be left behind: a delete failed, or the ledger has an error'], [2, 'bad invocation or an invalid config file'], [3, 'the target could not be reached']]) },
  'merge-reports': {
    usage: 'gsc merge-reports DIR… [--out DIR] [--reporter LIST]',
    summary: "merge the reports of a run's shards (--shard i/n) into one, with the unsharded run's totals",
    flags: mergeFlags,
    more: 'Each DIR is a folder a shard wrote (holding its results.json), or the file itself. Every shard of the\nrun must be given once; shards of different runs, targets, suite versions, selections, splits\n(--shard-timings) or repetitions (--repeat, --duration) are refused, and so are shards that together\ndid not run every selected case exactly once.',
    exits: exitText([[0, 'the merged run is conformant'], [1, 'the merged run is non-conformant'], [2, 'the reports cannot be merged (named: not shards of one run, a shard missing or twice, cases lost or doubled,\n     a file edited or damaged), or a bad invocation; nothing was written'], [3, 'the merged run is incomplete: a shard could not test the target or cases ended in error'], [130, 'a shard was interrupted']]),
  },
  baseline: { usage: 'gsc baseline --from reports/results.json [--out FILE]', summary: 'print a starting baseline (known deviations) from a run\'s failures', flags: baselineFlags, exits: exitText([[0, 'the baseline was printed or written'], [2, 'the results file is missing or not a results.json, or a bad invocation']]) },
  coverage: { usage: 'gsc coverage [paths…] [--grep RE] [--tags LIST] [--min-coverage P]', summary: 'show which documented status codes and body properties in specs/ the cases check', flags: coverageFlags, exits: exitText([[0, 'the table was shown (and coverage is at least --min-coverage)'], [1, 'coverage is below --min-coverage'], [2, 'invalid suite files, nothing selected, or a bad invocation']]) },
  diff: { usage: 'gsc diff A/results.json B/results.json [--html FILE]', summary: 'compare two runs of the same cases against two targets: outcome, status codes, body shapes', flags: diffFlags, exits: exitText([[0, 'the two runs answered alike'], [1, 'a case differs in outcome, status code or body shape, or ran on one side only'], [2, 'a results file is missing or unreadable, or a bad invocation']]) },
  proxy: { usage: 'gsc proxy --upstream URL [--port N] [--tls [--cert FILE --key FILE]] [--exit-after N] [--record FILE.har] [flags]', summary: "check an SDK's traffic: forward it to the upstream unchanged, judge both directions against specs/", flags: proxyFlags, more: PROXY_TEXT },
  emulator: { usage: 'gsc emulator [--port N] [--tls] [--fixtures FILE] [--deviate NAME] [--replay FILE.har]', summary: 'serve the reference emulator, or replay a recording (gsc emulator --help)', flags: [] },
};

const EXIT_TEXT = `Exit codes:
  0  conformant: every case at the failing level passed
  1  non-conformant: a case at the failing level failed
  2  bad invocation, invalid suite files or an invalid config file: nothing was sent
  3  the target could not be tested: unreachable, credentials rejected, or cases in error
  4  internal error: a bug in gsc (GSC_DEBUG=1 shows the stack; please report it)
  130 interrupted`;

/** A command's own exit codes, in the layout of the run's. */
function exitText(codes: [number, string][]): string {
  return `Exit codes:\n${codes.map(([code, text]) => `  ${String(code).padEnd(2)} ${text}`).join('\n')}`;
}

function flagLines(flags: FlagDef[]): string {
  return flags
    .map((f) => {
      const head = `  --${f.name}${f.value ? ` ${f.value}` : ''}`;
      const extra = [f.env ? `env ${f.env}` : '', f.config ? `config ${f.config.key}` : '', f.default ? `default: ${f.default}` : ''].filter(Boolean).join('; ');
      return `${head.padEnd(34)}${f.description}${extra ? ` (${extra})` : ''}`;
    })
    .join('\n');
}

/** Help for one command, or the overview when `command` is undefined. */
export function formatHelp(command?: string): string {
  const c = command ? commands[command] : undefined;
  if (c) {
    return [`Usage: ${c.usage}`, '', `${c.summary[0]!.toUpperCase()}${c.summary.slice(1)}.`, c.flags.length ? `\nFlags:\n${flagLines(c.flags)}` : '', ...(c.more ? ['', c.more] : []), '', c.exits ?? EXIT_TEXT].join('\n');
  }
  // The longest command name sets the column, with two spaces before each summary.
  const width = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;
  const list = Object.entries(commands).map(([name, d]) => `  ${name.padEnd(width)}${d.summary}`).join('\n');
  return `graph-sync-conformance (gsc): contract and conformance tests for the Microsoft Graph synchronization jobs API

Usage: gsc <command> [flags]

Commands:
${list}

  gsc run                     test the embedded emulator (what npm start does)
  gsc run --target URL --token T --service-principal ID [--template ID]
                              test another target; flags fall back to GSC_* environment variables,
                              then to the chosen target of gsc.config.yaml (gsc run --help)

Run flags:
${flagLines(runFlags)}

${EXIT_TEXT}

gsc <command> --help shows one command's usage. Docs: README.md, docs/case-format.md, docs/configuration.md.`;
}
