import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { config as defaultConfig } from '../../src/config/rampart.config';
import { emulatorRequest, isEmulatorProcess, stopEmulator } from '../../src/local/emulator';
import { LocalRunError, LocalUpResult, localStateLocation, localUp, readRunRecord } from '../../src/local/run';
import { terraformEnv } from '../../src/terraform/cli-config';
import { terraform } from '../../src/terraform/run';
import { tempDir } from '../helpers/synth';

/**
 * The full local run against the AWS emulator (moto_server on a free loopback port):
 * bootstrap + org + dev applied, an empty plan after every apply, the lock refusing a second
 * writer, then everything destroyed and the emulator stopped. The emulator is killed by pid at
 * the end whatever happens.
 */

const ROOT = path.resolve(__dirname, '../..');
const REGION = defaultConfig.bootstrap.region;
/** The emulator accepts any signature, but reads the region from the credential scope and treats unsigned requests as anonymous. */
const auth = (service: string): Record<string, string> => ({
  authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
});

describe('local emulator run: bootstrap, org and dev', () => {
  const workDir = path.join(tempDir('local-run'), '.local');
  const lines: string[] = [];
  const log = (line: string): void => {
    lines.push(line);
  };
  let up: LocalUpResult | undefined;
  let endpoint = '';
  const stackDir = (stack: string): string => path.join(workDir, 'cdktf.out', 'stacks', stack);
  const tf = (stack: string, args: string[], okCodes = [0]) => terraform(stackDir(stack), args, { stack, okCodes, env: { AWS_EC2_METADATA_DISABLED: 'true' } });

  /** Later steps need the run the first test brought up. */
  const requireRun = (): void => {
    if (!up) throw new Error('the local run did not come up (see the first test); this step was not attempted');
  };

  afterAll(async () => {
    const record = readRunRecord(workDir);
    if (record) await stopEmulator(record.emulator.pid);
  });

  test('up applies bootstrap, org and dev with an empty plan after every apply, and prints the outputs', async () => {
    up = await localUp({ config: defaultConfig, workDir, stacks: ['org', 'dev'], log });
    endpoint = up.emulator.endpoint;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(up.stacks.map((s) => s.stack)).toEqual(['bootstrap', 'org', 'dev']);
    for (const s of up.stacks) {
      expect(s.plan!.code).toBe(0);
      expect(s.plan!.stdout).toContain('No changes.');
      // every canonical endpoint is set and no alias is: the provider does not warn about combinations
      expect(`${s.plan!.stdout}\n${s.plan!.stderr}`).not.toContain('Invalid Attribute Combination');
      expect(lines).toContain(`[${s.stack}] plan after apply: no changes`);
    }
    expect(lines.filter((l) => /^\[(bootstrap|org|dev)\] apply done/.test(l))).toHaveLength(3);
    expect(up.stacks[0].applySummary).toMatch(/^Resources: \d+ added, 0 changed, 0 destroyed\.$/);
    expect(up.stacks[0].outputs.state_bucket.value).toBe('acme-tfstate-123456789012');
    expect(up.stacks[0].outputs.lock_table.value).toBe('acme-tfstate-lock');
    expect(lines).toContain('[bootstrap] output state_bucket = "acme-tfstate-123456789012"');
    expect(lines.some((l) => l.startsWith('[bootstrap] state moved'))).toBe(true);
    expect(readRunRecord(workDir)).toMatchObject({ bootstrapMigrated: true, applied: ['org', 'dev'] });
  }, 600000);

  test('each stack, bootstrap included, keeps its state in the emulated bucket under its own key, KMS-encrypted', async () => {
    requireRun();
    const listing = await emulatorRequest(endpoint, 'GET', `/${localStateLocation(defaultConfig, 'dev').bucket}?list-type=2`, undefined, auth('s3'));
    const keys = [...listing.body.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]).sort();
    expect(keys).toEqual(['acme/bootstrap.tfstate', 'acme/dev.tfstate', 'acme/org.tfstate']);
    const head = (await emulatorHead(endpoint, localStateLocation(defaultConfig, 'dev')))!;
    expect(head['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(head['x-amz-server-side-encryption-aws-kms-key-id']).toBe('arn:aws:kms:eu-central-1:123456789012:alias/acme-bootstrap-tfstate');
    expect(head['x-amz-version-id']).toBeTruthy();
    expect(fs.existsSync(path.join(workDir, 'bootstrap.tfstate'))).toBe(false);
    expect(fs.existsSync(path.join(workDir, 'bootstrap.tfstate.migrated'))).toBe(true);
  }, 60000);

  test('while a terraform process holds the lock on dev, a second plan is refused; the state is intact afterwards', async () => {
    requireRun();
    const where = localStateLocation(defaultConfig, 'dev');
    const before = (await tf('dev', ['state', 'pull'])).stdout;
    const holder = spawn('terraform', ['console'], { cwd: stackDir('dev'), env: terraformEnv({ ...process.env, AWS_EC2_METADATA_DISABLED: 'true' }), stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      // Terraform writes both locks: the S3 lock file next to the state and the DynamoDB item.
      await waitFor(async () => (await emulatorHead(endpoint, { ...where, key: `${where.key}.tflock` })) !== undefined, 60000);
      const item = await dynamoGetItem(endpoint, where.lockTable, `${where.bucket}/${where.key}`);
      expect(JSON.parse(item.Item.Info.S)).toMatchObject({ Path: `${where.bucket}/${where.key}` });

      const refused = await tf('dev', ['plan', '-lock-timeout=0s', '-input=false', '-no-color'], [1]);
      expect(refused.stderr).toContain('Error acquiring the state lock');
      expect(refused.stderr).toContain(`Path:      ${where.bucket}/${where.key}`);
    } finally {
      await closeConsole(holder);
    }
    expect(await emulatorHead(endpoint, { ...where, key: `${where.key}.tflock` })).toBeUndefined();
    expect((await tf('dev', ['state', 'pull'])).stdout).toBe(before);
    expect((await tf('dev', ['plan', '-detailed-exitcode', '-lock-timeout=0s', '-input=false', '-no-color'])).code).toBe(0);
  }, 180000);

  test('a lock file written the way Terraform writes it stops an apply; the run fails with the stack name and leaves the emulator for inspection', async () => {
    requireRun();
    const where = localStateLocation(defaultConfig, 'staging');
    const lockInfo = { ID: '00000000-0000-4000-8000-000000000000', Operation: 'OperationTypeApply', Info: '', Who: 'someone@elsewhere', Version: '1.11.4', Created: new Date().toISOString(), Path: `${where.bucket}/${where.key}` };
    const put = await emulatorRequest(endpoint, 'PUT', `/${where.bucket}/${where.key}.tflock`, JSON.stringify(lockInfo), { ...auth('s3'), 'content-type': 'application/json' });
    expect(put.status).toBe(200);

    let error: unknown;
    try {
      await localUp({ config: defaultConfig, workDir, stacks: ['staging'], log });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LocalRunError);
    const message = (error as Error).message;
    expect(message).toContain('[staging] Error: Error acquiring the state lock');
    expect(message).toContain('[staging]   ID:        00000000-0000-4000-8000-000000000000');
    expect(message).toContain(`The local run stopped at stack staging. The emulator (pid ${up!.emulator.pid}, ${endpoint})`);
    expect(message).toContain('npm run local -- down');
    expect(lines).toContain('[bootstrap] unchanged since it was applied and re-planned by an earlier up; not applied again');
    expect(isEmulatorProcess(up!.emulator.pid)).toBe(true);
    expect(readRunRecord(workDir)).toMatchObject({ applied: ['org', 'dev'] });
    expect(await emulatorRequest(endpoint, 'DELETE', `/${where.bucket}/${where.key}.tflock`, undefined, auth('s3'))).toMatchObject({ status: 204 });
  }, 300000);

  test('bootstrap refuses to be destroyed: the state bucket and lock table carry prevent_destroy', async () => {
    requireRun();
    const r = await tf('bootstrap', ['plan', '-destroy', '-refresh=false', '-input=false', '-no-color'], [1]);
    expect(r.stderr).toContain('Instance cannot be destroyed');
    // (the key is protected too, but Terraform stops at the resources that depend on it)
    for (const type of ['aws_s3_bucket', 'aws_dynamodb_table']) expect(r.stderr).toMatch(new RegExp(`Resource ${type}\\.state_`));
  }, 120000);

  test('`npm run local -- down` destroys org and dev, stops the emulator and deletes the run directory', () => {
    requireRun();
    const pid = up!.emulator.pid;
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/src/local/cli.js'), 'down', '--dir', workDir], { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout.split('\n');
    expect(out).toEqual(expect.arrayContaining(['[dev] destroy ...', '[org] destroy ...', `emulator: stopped pid ${pid}`]));
    expect(out.filter((l) => /^\[(dev|org)\] Resources: \d+ destroyed\.$/.test(l))).toHaveLength(2);
    expect(isEmulatorProcess(pid)).toBe(false);
    expect(fs.existsSync(workDir)).toBe(false);
  }, 300000);
});

async function emulatorHead(endpoint: string, where: { bucket: string; key: string }): Promise<Record<string, string> | undefined> {
  const { request } = await import('http');
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}/${where.bucket}/${where.key}`, { method: 'HEAD', headers: auth('s3') }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? (res.headers as Record<string, string>) : undefined);
    });
    req.on('error', reject);
    req.end();
  });
}

async function dynamoGetItem(endpoint: string, table: string, lockId: string): Promise<any> {
  const r = await emulatorRequest(endpoint, 'POST', '/', JSON.stringify({ TableName: table, Key: { LockID: { S: lockId } } }), {
    ...auth('dynamodb'),
    'x-amz-target': 'DynamoDB_20120810.GetItem',
    'content-type': 'application/x-amz-json-1.0',
  });
  return JSON.parse(r.body);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`condition not met within ${timeoutMs / 1000} s`);
}

function closeConsole(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin!.end('exit\n');
  });
}
