import { writeStackJson } from './fixtures';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '@rampart/policy';
import { DEFAULT_TAGS } from './fixtures';

// The SARIF 2.1.0 JSON schema with Errata 01 (the OASIS Standard's schema, draft-04, as in
// oasis-tcs/sarif-spec Schemata/sarif-schema-2.1.0.json), kept as test data. Errata 01 names a
// suppression's review state `status`; the first committee draft's schema had `state`.
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, 'data', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

const TODAY = '2026-01-01';
const provider = { aws: [{ region: 'eu-central-1', default_tags: [{ tags: DEFAULT_TAGS }] }] };

function sink() {
  let text = '';
  return { stream: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

/** cdktf.out with a clean stack and one with an error finding, a suppressed finding. */
function output(): { dir: string; suppressions: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-sarif-'));
  const write = (stack: string, json: object): void => writeStackJson(dir, stack, json);
  write('clean', { provider, resource: { aws_cloudwatch_log_group: { app: { name: 'app', retention_in_days: 30, kms_key_id: 'arn:aws:kms:eu-central-1:1:key/k' } } } });
  write('bad', {
    provider,
    resource: {
      aws_security_group: { ssh: { name: 'ssh', vpc_id: 'vpc-1', ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }], '//': { metadata: { path: 'bad/ssh' } } } },
      aws_cloudwatch_log_group: { app: { name: 'app' } },
    },
  });
  const suppressions = path.join(dir, 'suppressions.json');
  fs.writeFileSync(
    suppressions,
    JSON.stringify([{ stack: 'bad', address: 'aws_cloudwatch_log_group.app', ruleId: 'logs-retention', reason: 'kept by the archive account', owner: 'platform', expires: '2026-12-31' }]),
  );
  return { dir, suppressions };
}

describe('SARIF output against the SARIF 2.1.0 JSON schema', () => {
  test('the schema rejects what it should (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, suppressions: [{ kind: 'inSource', state: 'accepted' }] }] }] })).toBe(false);
    expect(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b' } } }] }] }] }),
    ).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] })).toBe(true);
  });

  test('--format sarif over findings, a suppressed finding and a clean stack validates', () => {
    const { dir, suppressions } = output();
    const out = sink();
    expect(runCli([dir, '--format', 'sarif', '--suppressions', suppressions, '--today', TODAY], out.stream, sink().stream)).toBe(1);
    const log = JSON.parse(out.text());
    const ok = validate(log);
    expect(ok ? [] : validate.errors).toEqual([]);
    const results = log.runs[0].results as any[];
    expect(results.some((r) => r.ruleId === 'sg-no-public-admin-ports' && r.level === 'error' && !r.suppressions)).toBe(true);
    const suppressed = results.find((r) => r.ruleId === 'logs-retention');
    expect(suppressed.suppressions).toEqual([expect.objectContaining({ kind: 'inSource', status: 'accepted' })]);
  });

  test('--format sarif with no findings validates', () => {
    const { dir } = output();
    fs.rmSync(path.join(dir, 'stacks', 'bad'), { recursive: true });
    const out = sink();
    expect(runCli([dir, '--format', 'sarif', '--today', TODAY], out.stream, sink().stream)).toBe(0);
    const log = JSON.parse(out.text());
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
  });
});
