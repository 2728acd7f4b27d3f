import * as fs from 'fs';
import * as path from 'path';
import { PreparedApp, ROOT, compileProject, policyProject, prepareApp, stackDirs, synthProject, validateProject } from '../../scripts/consumer-app';
import { keyPolicyServices } from './key-policy';

// A consumer of the published packages: every module is packed, installed from its tarball into
// a fresh app outside the workspace, and a consumer stack (app/src/main.ts) is compiled there
// under strict TypeScript, synthesised, checked with the rampart-policy CLI and validated by
// terraform. The stack extends `RampartStack` from @rampart/baseline and adds nothing but its
// own resources, so every guarantee asserted here comes with the packages.

const STACK = 'consumer';
const ACCOUNT = '111122223333';
const DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT}:role/shop-deploy`;

/** The synth failure lines the policy pack writes for one rule on one resource type. */
function policyFindings(output: string, ruleId: string, resourceType: string): string[] {
  return output.split('\n').filter((l) => l.includes(`policy rampart-baseline: [${ruleId}] ${resourceType}.`));
}

describe('a consumer app built from the tarballs, on RampartStack', () => {
  let app: PreparedApp;
  let dir: string;
  let synth: { code: number; stdout: string; stderr: string };
  let json: any;
  const timings: Record<string, number> = {};
  const outFile = () => path.join(dir, 'cdktf.out', 'stacks', STACK, 'cdk.tf.json');

  beforeAll(() => {
    const t0 = Date.now();
    app = prepareApp();
    Object.assign(timings, app.timings);
    let t = Date.now();
    dir = compileProject(app.dir, { name: 'consumer', from: path.join(__dirname, 'app') });
    timings.compile = (Date.now() - t) / 1000;
    t = Date.now();
    synth = synthProject(dir);
    timings.synth = (Date.now() - t) / 1000;
    if (synth.code === 0) json = JSON.parse(fs.readFileSync(outFile(), 'utf8'));
    timings.total = (Date.now() - t0) / 1000;
  }, 300000);

  afterAll(() => {
    process.stdout.write(`consumer harness timings (s): ${JSON.stringify(timings)}\n`);
  });

  test('the app lives outside the workspace and holds the packages as installed copies, not links', () => {
    expect(path.relative(ROOT, app.dir).startsWith('..')).toBe(true);
    const installed = fs.readdirSync(path.join(app.dir, 'node_modules', '@rampart')).sort();
    const modules = fs
      .readdirSync(path.join(ROOT, 'modules'))
      .filter((m) => fs.existsSync(path.join(ROOT, 'modules', m, 'package.json')))
      .sort();
    expect(installed).toEqual(modules);
    for (const name of installed) {
      const pkg = path.join(app.dir, 'node_modules', '@rampart', name);
      expect(fs.lstatSync(pkg).isSymbolicLink()).toBe(false);
      expect(fs.realpathSync(pkg).startsWith(ROOT)).toBe(false);
      // What a tarball holds: the build, its maps, the sources the maps point at, README and LICENSE.
      for (const f of ['package.json', 'LICENSE', 'README.md', 'lib/index.js', 'lib/index.js.map', 'lib/index.d.ts', 'lib/index.d.ts.map', 'src/index.ts']) {
        expect(fs.existsSync(path.join(pkg, f))).toBe(true);
      }
    }
  });

  test('the consumer stack compiles under strict TypeScript and synthesises', () => {
    expect(fs.existsSync(path.join(dir, 'lib', 'main.js'))).toBe(true);
    expect(synth.stderr + synth.stdout).not.toMatch(/error/i);
    expect(synth.code).toBe(0);
  });

  test('the installed rampart-policy CLI passes the synthesised output', () => {
    const r = policyProject(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(policyProject(dir, ['--help']).code).toBe(0);
  });

  test('the provider guard: assume_role, allowed_account_ids and default_tags from the target and tags', () => {
    const providers = json.provider.aws as any[];
    expect(providers).toHaveLength(1);
    const aws = providers[0];
    expect(aws.region).toBe('eu-west-1');
    expect(aws.allowed_account_ids).toEqual([ACCOUNT]);
    expect(aws.assume_role).toEqual([expect.objectContaining({ role_arn: DEPLOY_ROLE })]);
    expect(aws.default_tags).toEqual([{ tags: { Environment: 'dev', Owner: 'shop-team', CostCenter: 'shop', Compliance: 'none', DataClassification: 'internal' } }]);
  });

  test("every role in the stack, the consumer's own included, carries the permission boundary", () => {
    const boundaries = Object.entries(json.resource.aws_iam_policy as Record<string, any>).filter(([, p]) => p.name === 'shop-dev-permission-boundary');
    expect(boundaries).toHaveLength(1);
    const boundaryRef = `\${aws_iam_policy.${boundaries[0][0]}.arn}`;
    const roles = Object.values(json.resource.aws_iam_role as Record<string, any>);
    expect(roles.map((r) => r.name)).toContain('shop-dev-worker');
    for (const role of roles) expect({ role: role.name, boundary: role.permissions_boundary }).toEqual({ role: role.name, boundary: boundaryRef });
  });

  test("the alert topic's key admits CloudWatch alarms and EventBridge to publish", () => {
    const topics = Object.values(json.resource.aws_sns_topic as Record<string, any>);
    expect(topics).toHaveLength(1);
    const services = keyPolicyServices(json, topics[0].kms_master_key_id);
    expect(services).toEqual(expect.arrayContaining(['cloudwatch.amazonaws.com', 'events.amazonaws.com']));
  });

  // Each case breaks one guarantee; the policy pack, run at synth by RampartStack, must fail synth
  // with its rule on the offending resource, and no cdk.tf.json may be written.
  test.each([
    ["a pii-labelled queue encrypted with another class's key", 'wrong-key', 'encryption-data-class-binding', 'aws_sqs_queue', /orders[\s\S]*pii/],
    ['an IAM user', 'iam-user', 'iam-no-users', 'aws_iam_user', /ci-user/],
    ['a queue without the mandatory tags (on a second provider with no default_tags)', 'untagged', 'tags-mandatory', 'aws_sqs_queue', /edge-events[\s\S]*Environment/],
  ])('%s fails synth through the policy pack', (_what, breakWith, ruleId, resourceType, detail) => {
    const broken = synthProject(dir, { CONSUMER_BREAK: breakWith });
    const output = broken.stderr + broken.stdout;
    expect(broken.code).not.toBe(0);
    const lines = policyFindings(output, ruleId, resourceType);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(detail);
    expect(fs.existsSync(outFile())).toBe(false);
  });

  test('terraform validate passes on every stack', async () => {
    const t = Date.now();
    synth = synthProject(dir); // the good output again, after the broken variants
    expect(synth.code).toBe(0);
    expect(stackDirs(dir).map((s) => s.name)).toEqual([STACK]);
    await validateProject(dir);
    timings.validate = (Date.now() - t) / 1000;
  }, 180000);
});
