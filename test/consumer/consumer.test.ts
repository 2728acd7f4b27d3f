import * as fs from 'fs';
import * as path from 'path';
import { PreparedApp, ROOT, compileProject, policyProject, prepareApp, stackDirs, synthProject, validateProject } from '../../scripts/consumer-app';
import { keyPolicyServices } from './key-policy';

// A consumer of the published packages: every module is packed, installed from its tarball into
// a fresh app outside the workspace, and a consumer stack is compiled there under strict
// TypeScript, synthesised, checked with the rampart-policy CLI and validated by terraform.
// The stack is app/baseline (on `RampartStack` from @rampart/baseline) when that package exists,
// else app/current (the same stack with the guarantees wired by hand); RAMPART_CONSUMER_VARIANT
// forces one.
const VARIANT = process.env.RAMPART_CONSUMER_VARIANT ?? (fs.existsSync(path.join(ROOT, 'modules', 'baseline', 'package.json')) ? 'baseline' : 'current');

describe(`a consumer app built from the tarballs (${VARIANT} stack)`, () => {
  let app: PreparedApp;
  let dir: string;
  let synth: { code: number; stdout: string; stderr: string };
  let json: any;
  const timings: Record<string, number> = {};

  beforeAll(() => {
    const t0 = Date.now();
    app = prepareApp();
    Object.assign(timings, app.timings);
    let t = Date.now();
    dir = compileProject(app.dir, { name: `consumer-${VARIANT}`, from: path.join(__dirname, 'app', VARIANT) });
    timings.compile = (Date.now() - t) / 1000;
    t = Date.now();
    synth = synthProject(dir);
    timings.synth = (Date.now() - t) / 1000;
    if (synth.code === 0) json = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'consumer', 'cdk.tf.json'), 'utf8'));
    timings.total = (Date.now() - t0) / 1000;
  }, 300000);

  afterAll(() => {
    process.stdout.write(`consumer harness timings (s): ${JSON.stringify(timings)}\n`);
  });

  test('the app lives outside the workspace and holds the packages as installed copies, not links', () => {
    expect(path.relative(ROOT, app.dir).startsWith('..')).toBe(true);
    const installed = fs.readdirSync(path.join(app.dir, 'node_modules', '@rampart')).sort();
    const modules = fs.readdirSync(path.join(ROOT, 'modules')).filter((m) => fs.existsSync(path.join(ROOT, 'modules', m, 'package.json'))).sort();
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

  test('a pii-labelled resource encrypted with another class\'s key fails synth', () => {
    const wrong = synthProject(dir, { CONSUMER_WRONG_KEY: '1' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr + wrong.stdout).toMatch(/aws_sqs_queue\.[^\s]*orders[\s\S]*pii|pii[\s\S]*aws_sqs_queue\.[^\s]*orders/);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'consumer', 'cdk.tf.json'))).toBe(false);
    synth = synthProject(dir); // leave the good output for the tests that follow
    expect(synth.code).toBe(0);
  });

  test('a role the consumer creates gets the permission boundary', () => {
    const roles = Object.values(json.resource.aws_iam_role as Record<string, any>);
    const worker = roles.find((r) => r.name === 'shop-dev-worker');
    expect(worker).toBeDefined();
    expect(worker.permissions_boundary).toMatch(/^\$\{aws_iam_policy\.[^}]+\.arn\}$|^arn:aws:iam::\d{12}:policy\//);
  });

  test('the alert topic\'s key admits CloudWatch alarms and EventBridge to publish', () => {
    const topics = Object.values(json.resource.aws_sns_topic as Record<string, any>);
    expect(topics).toHaveLength(1);
    const services = keyPolicyServices(json, topics[0].kms_master_key_id);
    expect(services).toEqual(expect.arrayContaining(['cloudwatch.amazonaws.com', 'events.amazonaws.com']));
  });

  test('terraform validate passes on every stack', async () => {
    const t = Date.now();
    expect(stackDirs(dir).map((s) => s.name)).toEqual(['consumer']);
    await validateProject(dir);
    timings.validate = (Date.now() - t) / 1000;
  }, 180000);
});
