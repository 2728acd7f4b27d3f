import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { config as defaultConfig } from '../../config/rampart.config';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { DeleteObjectCommand, GetBucketPolicyCommand, HeadObjectCommand, ListBucketsCommand, PutBucketPolicyCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Credentials, EMULATOR_DEFAULT_CREDENTIALS, assumeRole, emulatorClientConfig, emulatorS3 } from '../../src/local/aws';
import { isEmulatorProcess, stopEmulator } from '../../src/local/emulator';
import { LocalRunError, LocalUpResult, localStateLocation, localUp, readRunRecord } from '../../src/local/run';
import { terraformEnv } from '../../src/terraform/cli-config';
import { terraform } from '../../src/terraform/run';
import { tempDir } from '../helpers/synth';

/**
 * The full local run against the AWS emulator (moto_server on a free loopback port): every stack
 * (bootstrap, org, dev, staging, prod) applied in its own emulated account through its provider's
 * assume_role chain, an empty plan after every apply, the lock refusing a second writer, then
 * everything destroyed and the emulator stopped. The emulator is killed by pid at the end
 * whatever happens. The emulator's API is read with each account's credentials (SDK v3).
 */

const ROOT = path.resolve(__dirname, '../..');
const REGION = defaultConfig.bootstrap.region;
const STATE_ROLE = defaultConfig.bootstrap.stateRoleArn ?? defaultConfig.bootstrap.deployRoleArn;
/** Each stack's configured account and the role its provider assumes. */
const ACCOUNTS: Record<string, { accountId: string; deployRoleArn: string }> = {
  bootstrap: defaultConfig.bootstrap,
  org: defaultConfig.org,
  ...Object.fromEntries(defaultConfig.environments.map((e) => [e.name, e])),
};

describe('local emulator run: every stack in its own account', () => {
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

  const s3As = async (roleArn: string): Promise<S3Client> => emulatorS3(endpoint, REGION, await assumeRole(endpoint, REGION, roleArn));

  test('up applies every stack with an empty plan after every apply, and prints the outputs and a summary per stack', async () => {
    up = await localUp({ config: defaultConfig, workDir, log });
    endpoint = up.emulator.endpoint;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(up.stacks.map((s) => s.stack)).toEqual(['bootstrap', 'org', 'dev', 'staging', 'prod']);
    for (const s of up.stacks) {
      expect(s.plan!.code).toBe(0);
      expect(s.plan!.stdout).toContain('No changes.');
      // every canonical endpoint is set and no alias is: the provider does not warn about combinations
      expect(`${s.plan!.stdout}\n${s.plan!.stderr}`).not.toContain('Invalid Attribute Combination');
      expect(lines).toContain(`[${s.stack}] plan after apply: no changes`);
    }
    expect(lines.filter((l) => /^\[(bootstrap|org|dev|staging|prod)\] apply done/.test(l))).toHaveLength(5);
    for (const stack of Object.keys(ACCOUNTS))
      expect(lines).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^\\[${stack}\\] applied \\(\\d+ added, 0 changed, 0 destroyed\\), plan after apply empty \\(\\d+\\.\\d s\\)$`))]),
      );
    expect(up.stacks[0].applySummary).toMatch(/^Resources: \d+ added, 0 changed, 0 destroyed\.$/);
    expect(up.stacks[0].outputs.state_bucket.value).toBe('acme-tfstate-222222222222');
    expect(up.stacks[0].outputs.lock_table.value).toBe('acme-tfstate-lock');
    expect(lines).toContain('[bootstrap] output state_bucket = "acme-tfstate-222222222222"');
    expect(lines.some((l) => l.startsWith('[bootstrap] state moved'))).toBe(true);
    expect(readRunRecord(workDir)).toMatchObject({ bootstrapMigrated: true, applied: ['org', 'dev', 'staging', 'prod'] });
  }, 1500000);

  test("each stack's resources exist in its own account and nowhere else (read with each account's credentials)", async () => {
    requireRun();
    const buckets: Record<string, string[]> = {};
    const vpcs: Record<string, string[]> = {};
    const accounts = { default: undefined as string | undefined, ...Object.fromEntries(Object.entries(ACCOUNTS).map(([k, v]) => [k, v.deployRoleArn])) };
    for (const [stack, roleArn] of Object.entries(accounts)) {
      const credentials: Credentials = roleArn ? await assumeRole(endpoint, REGION, roleArn) : EMULATOR_DEFAULT_CREDENTIALS;
      const s3 = new S3Client({ ...emulatorClientConfig(endpoint, REGION, credentials), forcePathStyle: true });
      const ec2 = new EC2Client(emulatorClientConfig(endpoint, REGION, credentials));
      buckets[stack] = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).sort();
      const tagged = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag-key', Values: ['Environment'] }] }));
      vpcs[stack] = (tagged.Vpcs ?? []).map((v) => `${v.OwnerId}:${v.Tags?.find((t) => t.Key === 'Environment')?.Value}`);
      s3.destroy();
      ec2.destroy();
    }
    // The emulator's default account is only the starting point: nothing lands there.
    expect(buckets.default).toEqual([]);
    expect(vpcs.default).toEqual([]);
    expect(buckets.bootstrap).toEqual(['acme-tfstate-222222222222']);
    expect(vpcs.bootstrap).toEqual([]);
    expect(buckets.org.length).toBeGreaterThan(0);
    expect(buckets.org.every((b) => b.includes('111111111111'))).toBe(true);
    expect(vpcs.org).toEqual([]);
    for (const env of defaultConfig.environments) {
      // Distinct values: under load the emulator has stored a CreateVpc the provider resent (a
      // second VPC of the same stack in the same account); where each VPC lands is what counts here.
      expect([...new Set(vpcs[env.name])]).toEqual([`${env.accountId}:${env.name}`]);
      expect(buckets[env.name].length).toBeGreaterThan(0);
      expect(buckets[env.name].every((b) => b.endsWith(env.accountId))).toBe(true);
    }
  }, 120000);

  test("npm run drift names a security-group rule and a bucket policy changed behind Terraform's back", async () => {
    requireRun();
    const credentials = await assumeRole(endpoint, REGION, ACCOUNTS.dev.deployRoleArn);
    const ec2 = new EC2Client(emulatorClientConfig(endpoint, REGION, credentials));
    const s3 = new S3Client({ ...emulatorClientConfig(endpoint, REGION, credentials), forcePathStyle: true });
    const drift = (): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/src/local/drift-cli.js'), 'dev', '--json', '--dir', path.join(workDir, 'cdktf.out')], { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
    const clean = drift();
    expect(JSON.parse(clean.stdout as string)).toMatchObject({ drifted: false, stacks: [{ stack: 'dev', drifted: [] }] });
    expect(clean.status).toBe(0);

    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:Environment', Values: ['dev'] }] }))).SecurityGroups ?? [];
    const group = groups.find((g) => /app/.test(g.GroupName ?? '')) ?? groups[0];
    const rule = { GroupId: group.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] };
    const bucket = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).find((b) => b.includes('alb-logs'))!;
    const policy = (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy!;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand(rule));
    const open = { Version: '2012-10-17', Statement: [{ Sid: 'Drift', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] };
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(open) }));
    try {
      const r = drift();
      expect(r.status).toBe(1);
      const report = JSON.parse(r.stdout as string) as { drifted: boolean; stacks: Array<{ stack: string; drifted: Array<{ address: string }> }> };
      const addresses = report.stacks[0].drifted.map((d) => d.address);
      expect(addresses).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_security_group\./), expect.stringMatching(/^aws_s3_bucket_policy\./)]));
      const text = spawnSync(process.execPath, [path.join(ROOT, 'dist/src/local/drift-cli.js'), 'dev', '--dir', path.join(workDir, 'cdktf.out')], { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
      expect(text.status).toBe(1);
      expect(text.stdout).toMatch(/^\[dev\] \d+ resource\(s\) drifted:/m);
    } finally {
      await ec2.send(new RevokeSecurityGroupIngressCommand(rule));
      await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
      ec2.destroy();
      s3.destroy();
    }
  }, 400000);

  test('each stack, bootstrap included, keeps its state in the state account (reached through the state role) under its own key, KMS-encrypted', async () => {
    requireRun();
    const where = localStateLocation(defaultConfig, 'dev');
    const s3 = await s3As(STATE_ROLE);
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: where.bucket }));
    expect((listing.Contents ?? []).map((o) => o.Key).sort()).toEqual(['acme/bootstrap.tfstate', 'acme/dev.tfstate', 'acme/org.tfstate', 'acme/prod.tfstate', 'acme/staging.tfstate']);
    const head = await s3.send(new HeadObjectCommand({ Bucket: where.bucket, Key: where.key }));
    expect(head.ServerSideEncryption).toBe('aws:kms');
    expect(head.SSEKMSKeyId).toBe('arn:aws:kms:eu-central-1:222222222222:alias/acme-bootstrap-tfstate');
    expect(head.VersionId).toBeTruthy();
    // The dev account itself holds no state.
    const devS3 = await s3As(ACCOUNTS.dev.deployRoleArn);
    expect(((await devS3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name)).not.toContain(where.bucket);
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
      expect(JSON.parse(item.Item!.Info.S!)).toMatchObject({ Path: `${where.bucket}/${where.key}` });

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
    const lockInfo = {
      ID: '00000000-0000-4000-8000-000000000000',
      Operation: 'OperationTypeApply',
      Info: '',
      Who: 'someone@elsewhere',
      Version: '1.11.4',
      Created: new Date().toISOString(),
      Path: `${where.bucket}/${where.key}`,
    };
    const s3 = await s3As(STATE_ROLE);
    await s3.send(new PutObjectCommand({ Bucket: where.bucket, Key: `${where.key}.tflock`, Body: JSON.stringify(lockInfo), ContentType: 'application/json' }));

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
    expect(readRunRecord(workDir)).toMatchObject({ applied: ['org', 'dev', 'staging', 'prod'] });
    await s3.send(new DeleteObjectCommand({ Bucket: where.bucket, Key: `${where.key}.tflock` }));
  }, 300000);

  test('bootstrap refuses to be destroyed: the state bucket and lock table carry prevent_destroy', async () => {
    requireRun();
    const r = await tf('bootstrap', ['plan', '-destroy', '-refresh=false', '-input=false', '-no-color'], [1]);
    expect(r.stderr).toContain('Instance cannot be destroyed');
    // (the key is protected too, but Terraform stops at the resources that depend on it)
    for (const type of ['aws_s3_bucket', 'aws_dynamodb_table']) expect(r.stderr).toMatch(new RegExp(`Resource ${type}\\.state_`));
  }, 120000);

  test('the real cdktf CLI with RAMPART_TARGET=local: deploy dev, diff dev (no changes), destroy dev', () => {
    requireRun();
    const outdir = path.join(path.dirname(workDir), 'cli.out');
    const env = terraformEnv({ ...process.env, AWS_EC2_METADATA_DISABLED: 'true', RAMPART_TARGET: 'local', RAMPART_EMULATOR_ENDPOINT: endpoint, CI: '1', FORCE_COLOR: '0' });
    const cdktf = (args: string[]) => spawnSync(path.join(ROOT, 'node_modules/.bin/cdktf'), [...args, '--output', outdir], { cwd: ROOT, env, encoding: 'utf8', timeout: 300000 });
    // Every command that runs `terraform init` (destroy too) otherwise first runs `terraform providers lock`, which needs a registry.
    // Status and stderr are compared together (with the end of stdout when the command failed), so that a failure shows what the CLI said.
    const outcome = (r: ReturnType<typeof cdktf>) => ({ status: r.status, stderr: r.stderr, ...(r.status === 0 ? {} : { stdout: r.stdout.slice(-3000) }) });
    const deploy = cdktf(['deploy', 'dev', '--auto-approve', '--skip-provider-lock']);
    expect(outcome(deploy)).toEqual({ status: 0, stderr: '' });
    expect(deploy.stdout).toMatch(/dev\s+Apply complete! Resources: 0 added, 0 changed, 0 destroyed\./);
    const diff = cdktf(['diff', 'dev', '--skip-provider-lock']);
    expect(outcome(diff)).toEqual({ status: 0, stderr: '' });
    expect(diff.stdout).toMatch(/No changes/);
    const destroy = cdktf(['destroy', 'dev', '--auto-approve', '--skip-provider-lock']);
    expect(outcome(destroy)).toEqual({ status: 0, stderr: '' });
    expect(destroy.stdout).toMatch(/Destroy complete! Resources: [1-9]\d* destroyed/);
  }, 600000);

  test('`npm run local -- down` destroys every stack, stops the emulator and deletes the run directory', () => {
    requireRun();
    const pid = up!.emulator.pid;
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/src/local/cli.js'), 'down', '--dir', workDir], { cwd: ROOT, encoding: 'utf8', timeout: 480000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout.split('\n');
    expect(out).toEqual(expect.arrayContaining([expect.stringMatching(/^\[dev\] destroy \.\.\. \(/), expect.stringMatching(/^\[org\] destroy \.\.\. \(/), `emulator: stopped pid ${pid}`]));
    // prod's database carries deletion protection: down turns it off on the emulator, says so, and destroys again
    expect(out).toEqual(expect.arrayContaining(['[prod] turned off deletion protection of database acme-prod-app-db on the emulator', expect.stringMatching(/^\[prod\] destroy \(again\) done/)]));
    expect(out.filter((l) => /^\[(dev|staging|prod|org)\] Resources: \d+ destroyed\.$/.test(l))).toHaveLength(4);
    expect(isEmulatorProcess(pid)).toBe(false);
    expect(fs.existsSync(workDir)).toBe(false);
  }, 500000);
});

async function emulatorHead(endpoint: string, where: { bucket: string; key: string }): Promise<Record<string, unknown> | undefined> {
  const s3 = emulatorS3(endpoint, REGION, await assumeRole(endpoint, REGION, STATE_ROLE));
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: where.bucket, Key: where.key }))) as unknown as Record<string, unknown>;
  } catch (e) {
    if ((e as { name?: string }).name === 'NotFound') return undefined;
    throw e;
  } finally {
    s3.destroy();
  }
}

async function dynamoGetItem(endpoint: string, table: string, lockId: string) {
  const db = new DynamoDBClient(emulatorClientConfig(endpoint, REGION, await assumeRole(endpoint, REGION, STATE_ROLE)));
  try {
    return await db.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: lockId } } }));
  } finally {
    db.destroy();
  }
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
