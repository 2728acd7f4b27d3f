import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import {
  ALL_RULES,
  AWS_FSBP,
  CIS_AWS_FOUNDATIONS,
  evaluateStack,
  normalizeTerraformJson,
  PACKS,
  PolicyInputError,
  PolicyRule,
  RAMPART_BASELINE,
  readPolicyInput,
  resourcePointer,
  runCli,
  toSarif,
} from '@rampart/policy';
import { DEFAULT_TAGS } from './fixtures';

const TODAY = '2026-01-01';
const report = (json: unknown, pack = RAMPART_BASELINE) => evaluateStack(json as any, { pack, stackName: 'test', today: TODAY });
const ids = (json: unknown) =>
  report(json)
    .findings.map((f) => `${f.ruleId} ${f.address}${f.finding ? `#${f.finding}` : ''}`)
    .sort();

/** A small stack in cdktf's shapes: an SSH-open group, a user, a role with an expression list. */
const CANON = {
  terraform: { backend: { s3: { bucket: 'state', key: 'k', region: 'eu-central-1', encrypt: true, use_lockfile: true, kms_key_id: 'alias/state' } } },
  provider: { aws: [{ region: 'eu-central-1', default_tags: [{ tags: DEFAULT_TAGS }] }] },
  resource: {
    aws_security_group: { open: { name: 'open', vpc_id: 'vpc-1', ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } },
    aws_iam_role: {
      r: {
        name: 'r',
        assume_role_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
        managed_policy_arns: '${var.arns}',
        permissions_boundary: 'arn:aws:iam::1:policy/b',
      },
    },
    aws_iam_user: { u: { name: 'u' } },
  },
};

describe('normalisation: every shape Terraform JSON allows', () => {
  const base = ids(CANON);
  test('the canonical stack has the expected findings', () => {
    expect(base).toEqual(expect.arrayContaining(['sg-no-public-admin-ports aws_security_group.open#ingress[0]', 'iam-no-users aws_iam_user.u']));
  });
  test('provider written as an object', () => {
    expect(ids({ ...CANON, provider: { aws: CANON.provider.aws[0] } })).toEqual(base);
  });
  test('provider written as a list of objects', () => {
    expect(ids({ ...CANON, provider: [{ aws: CANON.provider.aws[0] }] })).toEqual(base);
  });
  test('resource bodies and nested blocks as one-element arrays', () => {
    const resource = Object.fromEntries(Object.entries(CANON.resource).map(([t, byName]) => [t, Object.fromEntries(Object.entries(byName).map(([n, b]) => [n, [b]]))]));
    expect(ids({ ...CANON, resource })).toEqual(base);
  });
  test('resource section and type level written as arrays of objects', () => {
    expect(ids({ ...CANON, resource: Object.entries(CANON.resource).map(([t, v]) => ({ [t]: v })) })).toEqual(base);
  });
  test('terraform written as a list does not hide the backend', () => {
    const prod = (json: unknown) => evaluateStack(json as any, { pack: RAMPART_BASELINE, stackName: 'p', production: true, today: TODAY }).findings.filter((f) => f.address.startsWith('terraform.'));
    expect(prod({ ...CANON, terraform: [CANON.terraform] })).toEqual(prod(CANON));
    expect(prod({ ...CANON, terraform: [{ backend: [{ s3: [CANON.terraform.backend.s3] }] }] })).toEqual([]);
  });
  test('an expression in place of a list and nulls (bodies, attributes, list members) do not crash and do not hide findings', () => {
    const withNulls = {
      ...CANON,
      resource: {
        ...CANON.resource,
        aws_s3_bucket: { n: null },
        aws_security_group: { open: { ...CANON.resource.aws_security_group.open, egress: null, ingress: [null, ...CANON.resource.aws_security_group.open.ingress] } },
      },
      data: { aws_iam_policy_document: { d: { statement: [null] } } },
    };
    const found = ids(withNulls);
    expect(found).toEqual(expect.arrayContaining(['sg-no-public-admin-ports aws_security_group.open#ingress[0]']));
    expect(() =>
      report({ resource: { aws_iam_policy: { p: { policy: '{"Statement":[null]}' } }, aws_iam_role_policy_attachment: { a: { role: 'r', policy_arn: '${aws_iam_policy.p.arn}' } } } }),
    ).not.toThrow();
  });
  test.each([
    [[], '$', 'expected a Terraform JSON object'],
    [{ foo: 1 }, '$.foo', 'not a Terraform JSON top-level key'],
    [{ resource: { aws_s3_bucket: { b: 'text' } } }, '$.resource.aws_s3_bucket.b', 'expected an object'],
    [{ provider: [3] }, '$.provider[0]', 'expected an object'],
    [{ resource: { aws_s3_bucket: { b: [{}, {}] } } }, '$.resource.aws_s3_bucket.b', 'declared more than once'],
  ])('malformed input %j names the JSON path %s', (input, jsonPath, problem) => {
    let err: unknown;
    try {
      normalizeTerraformJson(input, 'f.tf.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyInputError);
    expect((err as PolicyInputError).file).toBe('f.tf.json');
    expect((err as PolicyInputError).jsonPath).toBe(jsonPath);
    expect((err as PolicyInputError).message).toContain(problem);
  });
});

describe('property: equivalent shapes give the same findings', () => {
  // Each block is written either as an object or as a one-element array, at every level the syntax allows.
  const wrap = (v: unknown, asArray: boolean) => (asArray ? [v] : v);
  test('any mix of object / one-element-array shapes', () => {
    const base = ids(CANON);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (flags) => {
        let i = 0;
        const next = () => flags[i++ % flags.length];
        const resource: Record<string, unknown> = {};
        for (const [t, byName] of Object.entries(CANON.resource)) {
          const names: Record<string, unknown> = {};
          for (const [n, b] of Object.entries(byName)) names[n] = wrap(b, next());
          resource[t] = wrap(names, next());
        }
        const json = {
          terraform: wrap({ backend: wrap({ s3: wrap(CANON.terraform.backend.s3, next()) }, next()) }, next()),
          provider: next() ? { aws: wrap(CANON.provider.aws[0], next()) } : [{ aws: CANON.provider.aws[0] }],
          resource: wrap(resource, next()),
        };
        expect(ids(json)).toEqual(base);
      }),
      { numRuns: 60, seed: 14 },
    );
  });
});

describe('reference semantics', () => {
  test('references through count / for_each instances and inside function calls are followed', () => {
    const bucket = (ref: string) => ({
      provider: { aws: [{ default_tags: [{ tags: DEFAULT_TAGS }] }] },
      resource: { aws_s3_bucket: { x: { bucket: 'x', for_each: '${toset(["a"])}' } }, aws_s3_bucket_versioning: { v: { bucket: ref, versioning_configuration: [{ status: 'Enabled' }] } } },
    });
    const rule = ALL_RULES.find((r) => r.id === 's3-versioning')!;
    const run = (json: unknown) => evaluateStack(json as any, { pack: { name: 'one', description: 'one', rules: [rule] }, stackName: 't', today: TODAY }).findings;
    expect(run(bucket('${aws_s3_bucket.x[each.key].id}'))).toEqual([]);
    expect(run(bucket('${aws_s3_bucket.x[0].id}'))).toEqual([]);
    expect(run(bucket('${lower(aws_s3_bucket.x.id)}'))).toEqual([]);
    expect(run(bucket('other'))).toHaveLength(1);
  });
});

describe('plans as input (terraform show -json)', () => {
  const plan = JSON.parse(fs.readFileSync(path.join(__dirname, 'data', 'plan-open-ssh.json'), 'utf8'));
  test('a real plan is read from resource_changes and planned values, with references from the configuration', () => {
    const json = readPolicyInput(plan, 'plan.json');
    const r = report(json);
    const found = r.findings.map((f) => `${f.ruleId} ${f.address}`);
    expect(found).toContain('sg-no-public-admin-ports aws_security_group.open');
    // versioning's bucket is unknown until apply: the configuration's reference stands in, so the bucket counts as versioned
    expect(found).not.toContain('s3-versioning aws_s3_bucket.data');
    // tags come from the plan's tags_all
    expect(found.filter((f) => f.startsWith('tags-mandatory'))).toEqual([]);
    // a plan carries no backend
    expect(r.findings.filter((f) => f.address.startsWith('terraform.'))).toEqual([]);
  });
  test('deleted resources are not judged', () => {
    const del = JSON.parse(JSON.stringify(plan));
    for (const c of del.resource_changes) if (c.address === 'aws_security_group.open') c.change.actions = ['delete'];
    del.planned_values.root_module.resources = del.planned_values.root_module.resources.filter((r: any) => r.address !== 'aws_security_group.open');
    expect(report(readPolicyInput(del)).findings.map((f) => f.address)).not.toContain('aws_security_group.open');
  });
});

describe('levels and suppressibility', () => {
  const warnRule: PolicyRule = { ...ALL_RULES.find((r) => r.id === 'iam-no-users')!, id: 'w', level: 'warning' };
  test('a warning-level finding is reported under warnings and the stack passes', () => {
    const r = report(CANON, { name: 'w', description: 'w', rules: [warnRule] });
    expect(r.passed).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.warnings.map((w) => w.address)).toEqual(['aws_iam_user.u']);
    expect(r.summary.warnings).toBe(1);
  });
  test('a rule that throws is an error in the report (fails closed), never a crash', () => {
    const broken: PolicyRule = {
      ...warnRule,
      id: 'broken',
      level: 'error',
      check: () => {
        throw new TypeError('boom');
      },
    };
    const r = report(CANON, { name: 'b', description: 'b', rules: [broken] });
    expect(r.passed).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'RULE_FAILED', address: 'aws_iam_user.u', ruleId: 'broken' })]);
  });
  test.each(['iam-no-users', 'encryption-data-class-binding'])('%s can never be suppressed (the suppression itself is an error)', (ruleId) => {
    const r = evaluateStack(CANON as any, {
      pack: RAMPART_BASELINE,
      stackName: 't',
      today: TODAY,
      suppressions: [{ address: 'aws_iam_user.u', ruleId, reason: 'a reason that is long enough', owner: 'team', expires: '2026-06-01' }],
    });
    expect(r.errors.map((e) => e.code)).toContain('SUPPRESSION_INVALID');
    expect(r.errors.find((e) => e.ruleId === ruleId)!.message).toContain('can never be suppressed');
  });
});

describe('packs by framework', () => {
  test('cis-aws-foundations and aws-fsbp hold exactly the rules mapped to them', () => {
    expect(CIS_AWS_FOUNDATIONS.rules.map((r) => r.id).sort()).toEqual(
      ALL_RULES.filter((r) => (r.mappings.cis ?? []).length)
        .map((r) => r.id)
        .sort(),
    );
    expect(AWS_FSBP.rules.map((r) => r.id).sort()).toEqual(
      ALL_RULES.filter((r) => (r.mappings.fsbp ?? []).length)
        .map((r) => r.id)
        .sort(),
    );
    expect(CIS_AWS_FOUNDATIONS.rules.length).toBeGreaterThan(5);
    expect(Object.keys(PACKS).sort()).toEqual(['aws-fsbp', 'cis-aws-foundations', 'rampart-baseline']);
  });
  test('the registry lists every rule once', () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });
});

describe('CLI formats', () => {
  const sink = () => {
    let text = '';
    return { stream: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream, text: () => text };
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-formats-'));
  const file = path.join(dir, 'stacks', 'dev', 'cdk.tf.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(CANON));

  test('--help exits 0 and prints the usage', () => {
    const out = sink();
    expect(runCli(['--help'], out.stream, sink().stream)).toBe(0);
    expect(out.text()).toContain('--format');
  });
  test('sarif: SARIF 2.1.0 with rule metadata, levels and locations at the file plus the JSON pointer', () => {
    const out = sink();
    expect(runCli([dir, '--format', 'sarif', '--today', TODAY], out.stream, sink().stream)).toBe(1);
    const log = JSON.parse(out.text());
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('rampart-policy');
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(RAMPART_BASELINE.rules.map((r) => r.id));
    const sg = run.tool.driver.rules.find((r: any) => r.id === 'sg-no-public-admin-ports');
    expect(sg.properties['security-severity']).toBe('9.5');
    expect(sg.properties.tags).toEqual(expect.arrayContaining(['CIS-5.3', 'FSBP-EC2.13', 'CKV_AWS_24']));
    const res = run.results.find((r: any) => r.ruleId === 'sg-no-public-admin-ports');
    expect(res.level).toBe('error');
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toMatch(/stacks\/dev\/cdk\.tf\.json$/);
    expect(res.locations[0].properties.jsonPointer).toBe('/resource/aws_security_group/open');
    for (const r of run.results) {
      expect(['error', 'warning', 'note', 'none']).toContain(r.level);
      expect(typeof r.message.text).toBe('string');
    }
  });
  test('junit: a suite per stack and a failing case per rule with findings', () => {
    const out = sink();
    expect(runCli([dir, '--format', 'junit', '--today', TODAY], out.stream, sink().stream)).toBe(1);
    expect(out.text()).toMatch(/^<\?xml/);
    expect(out.text()).toMatch(/<testsuite name="dev" tests="\d+" failures="[1-9]\d*"/);
    expect(out.text()).toContain('name="iam-no-users"');
  });
  test('an unknown format is a usage error (exit 2)', () => {
    expect(runCli([dir, '--format', 'xml'], sink().stream, sink().stream)).toBe(2);
  });
  test('a plan file is accepted directly', () => {
    const out = sink();
    expect(runCli([path.join(__dirname, 'data', 'plan-open-ssh.json'), '--format', 'json', '--today', TODAY], out.stream, sink().stream)).toBe(1);
    expect(JSON.parse(out.text())[0].findings.map((f: any) => f.address)).toContain('aws_security_group.open');
  });
  test('malformed input exits 2 naming the file and the JSON path', () => {
    const bad = path.join(dir, 'bad.tf.json');
    fs.writeFileSync(bad, JSON.stringify({ resource: { aws_s3_bucket: { b: 7 } } }));
    const err = sink();
    expect(runCli([bad], sink().stream, err.stream)).toBe(2);
    expect(err.text()).toContain('bad.tf.json at $.resource.aws_s3_bucket.b');
  });
  test('resourcePointer escapes per RFC 6901', () => {
    expect(resourcePointer('data.aws_iam_policy_document.a')).toBe('/data/aws_iam_policy_document/a');
    expect(resourcePointer('terraform.backend.s3')).toBe('/terraform/backend/s3');
  });
  test('toSarif is exported for tools', () => expect(typeof toSarif).toBe('function'));
});
