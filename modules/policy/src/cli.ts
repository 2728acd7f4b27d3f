import * as fs from 'fs';
import * as path from 'path';
import { evaluateStack, formatReport, serializeReport, StackReport } from './engine';
import { CheckedStack, FORMATS, OutputFormat, toJunit, toSarif } from './formats';
import { PolicyInputError, readPolicyInput } from './normalize';
import { PACKS } from './packs';
import { REPORT_FILE } from './policy';
import { addressError, AddressedSuppression, isIsoDate } from './suppressions';

const USAGE = `usage: rampart-policy <cdktf.out dir | stack dir | file.tf.json | plan.json> [options]

Runs a policy pack over synthesised cdktf output (stacks/<name>/cdk.tf.json), any Terraform
JSON file, or the JSON of \`terraform show -json <plan>\`, and exits non-zero when any stack has an unsuppressed finding or an expired or invalid suppression.

options:
  --pack <name>            pack to run (default rampart-baseline; known: ${Object.keys(PACKS).join(', ')})
  --production <a,b,...>   stacks to check with the production rules
  --suppressions <file>    JSON array of {stack?, address, ruleId, finding?, reason, owner, expires}
  --stack <name>           only this stack (repeatable)
  --format <f>             text (default), json, sarif (SARIF 2.1.0) or junit
  --json                   same as --format json
  --write-report           write ${REPORT_FILE} beside each checked cdk.tf.json
  --today <YYYY-MM-DD>     judge suppression expiry against this date (default: today, UTC)

  -h, --help               this help

exit status: 0 all stacks pass, 1 findings or suppression errors, 2 usage or input error`;

interface CliOptions {
  dir: string;
  pack: string;
  production: Set<string>;
  suppressions?: string;
  stacks: string[];
  format: OutputFormat;
  writeReport: boolean;
  today?: string;
}

class UsageError extends Error {}
class HelpRequested extends Error {}

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { dir: '', pack: 'rampart-baseline', production: new Set(), stacks: [], format: 'text', writeReport: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--pack':
        o.pack = value(i++, a);
        break;
      case '--production':
        for (const s of value(i++, a).split(',')) if (s) o.production.add(s);
        break;
      case '--suppressions':
        o.suppressions = value(i++, a);
        break;
      case '--stack':
        o.stacks.push(value(i++, a));
        break;
      case '--today':
        o.today = value(i++, a);
        break;
      case '--json':
        o.format = 'json';
        break;
      case '--format': {
        const f = value(i++, a);
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got ${f})`);
        o.format = f as OutputFormat;
        break;
      }
      case '--write-report':
        o.writeReport = true;
        break;
      case '-h':
      case '--help':
        throw new HelpRequested();
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        if (o.dir) throw new UsageError(`unexpected argument ${a}`);
        o.dir = a;
    }
  }
  if (!o.dir) throw new UsageError('missing the cdktf.out directory');
  if (!PACKS[o.pack]) throw new UsageError(`unknown pack ${o.pack}`);
  if (o.today !== undefined && !isIsoDate(o.today)) throw new UsageError(`--today must be a real calendar date written YYYY-MM-DD (got ${o.today})`);
  return o;
}

/** The stacks of a synthesised output: `<dir>/stacks/<name>/cdk.tf.json`, or `<dir>/cdk.tf.json` itself. */
export function findStacks(dir: string): Array<{ name: string; file: string }> {
  if (fs.existsSync(dir) && fs.statSync(dir).isFile()) return [{ name: path.basename(dir).replace(/(\.tf)?\.json$/, ''), file: dir }];
  const single = path.join(dir, 'cdk.tf.json');
  if (fs.existsSync(single)) return [{ name: path.basename(path.resolve(dir)), file: single }];
  const stacksDir = path.join(dir, 'stacks');
  if (!fs.existsSync(stacksDir)) return [];
  return fs
    .readdirSync(stacksDir)
    .sort()
    .map((name) => ({ name, file: path.join(stacksDir, name, 'cdk.tf.json') }))
    .filter((s) => fs.existsSync(s.file));
}

function readSuppressions(file: string): AddressedSuppression[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read suppressions from ${file}: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`${file} must hold a JSON array of suppressions`);
  parsed.forEach((s, i) => {
    if (!s || typeof s !== 'object' || Array.isArray(s))
      throw new UsageError(`${file}: suppression [${i}] must be an object {stack?, address, ruleId, finding?, reason, owner, expires}, got ${JSON.stringify(s)}`);
    const bad = addressError((s as Record<string, unknown>).address, `[${i}].address`);
    if (bad) throw new UsageError(`${file}: suppression [${i}] address ${JSON.stringify((s as Record<string, unknown>).address)} ${bad.issue.rule}`);
    const stack = (s as Record<string, unknown>).stack;
    if (stack !== undefined && (typeof stack !== 'string' || stack.length === 0)) throw new UsageError(`${file}: suppression [${i}] stack must be a stack name`);
  });
  return parsed as AddressedSuppression[];
}

/** Runs the CLI; returns the exit status. Writes to the given streams (process streams by default). */
export function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  let o: CliOptions;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      out.write(`${USAGE}\n`);
      return 0;
    }
    const msg = (e as Error).message;
    // `--help` (an empty message) asked for the usage: print it on stdout and succeed.
    if (!msg) {
      out.write(`${USAGE}\n`);
      return 0;
    }
    err.write(`rampart-policy: ${msg}\n\n${USAGE}\n`);
    return 2;
  }
  let stacks = findStacks(o.dir);
  if (o.stacks.length) stacks = stacks.filter((s) => o.stacks.includes(s.name));
  if (stacks.length === 0) {
    err.write(`rampart-policy: no stacks found under ${o.dir} (expected stacks/<name>/cdk.tf.json)\n`);
    return 2;
  }
  let suppressions: AddressedSuppression[] = [];
  try {
    if (o.suppressions) suppressions = readSuppressions(o.suppressions);
  } catch (e) {
    err.write(`rampart-policy: ${(e as Error).message}\n`);
    return 2;
  }
  const checked: CheckedStack[] = [];
  for (const s of stacks) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(s.file, 'utf8'));
    } catch (e) {
      err.write(`rampart-policy: ${s.file} at $: not valid JSON: ${(e as Error).message}\n`);
      return 2;
    }
    let report: StackReport;
    try {
      const json = readPolicyInput(raw, s.file);
      report = evaluateStack(json, { pack: PACKS[o.pack], stackName: s.name, production: o.production.has(s.name), suppressions, today: o.today });
    } catch (e) {
      if (e instanceof PolicyInputError) {
        err.write(`rampart-policy: ${e.message}\n`);
        return 2;
      }
      err.write(`rampart-policy: ${s.file}: cannot evaluate: ${(e as Error).message}\n`);
      return 2;
    }
    checked.push({ report, file: path.relative(process.cwd(), s.file) || s.file });
    if (o.writeReport) fs.writeFileSync(path.join(path.dirname(s.file), REPORT_FILE), serializeReport(report));
  }
  const reports = checked.map((c) => c.report);
  if (o.format === 'json') out.write(`${JSON.stringify(reports, null, 2)}\n`);
  else if (o.format === 'sarif') out.write(toSarif(checked, PACKS[o.pack], VERSION));
  else if (o.format === 'junit') out.write(toJunit(checked, PACKS[o.pack]));
  else out.write(`${reports.map(formatReport).join('\n')}\n`);
  const failed = reports.filter((r) => !r.passed);
  if (failed.length) {
    err.write(`rampart-policy: ${failed.length} of ${reports.length} stack(s) failed: ${failed.map((r) => r.stack).join(', ')}\n`);
    return 1;
  }
  return 0;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../package.json').version;
