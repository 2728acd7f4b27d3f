import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { migrateToRemoteState } from '../state/migrate-state';
import { stateKeyFor } from '../../stacks/state-backend';
import { lockTableNameFor, stateBucketNameFor } from '../../stacks/bootstrap-stack';
import { synthesize } from '../app';
import { Deployment, RampartConfig } from '../../config/types';
import { TerraformError, TerraformResult, terraform } from '../terraform/run';
import { ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { Credentials, assumeRole, emptyBucket, emulatorClientConfig, emulatorS3 } from './aws';
import { EmulatorHandle, emulatorResponds, isEmulatorProcess, startEmulator, stopEmulator } from './emulator';

/** What a local run has done so far; kept in `<workDir>/run.json`. */
export interface LocalRunRecord {
  readonly emulator: EmulatorHandle;
  /** Whether the bootstrap stack's state has moved into the emulated bucket. */
  bootstrapMigrated: boolean;
  /** Stacks applied on the S3 backend, in order (bootstrap excluded). */
  applied: string[];
  /** SHA-256 of the bootstrap stack's Terraform JSON when it was last applied with an empty plan after. */
  bootstrapApplied?: string;
}

/** Options shared by `localUp` and `localDown`. */
export interface LocalRunOptions {
  /** The validated configuration. Every stack lands in its own configured account on the emulator. */
  readonly config: RampartConfig;
  /** Directory holding the run: emulator pid and port, synthesised stacks, bootstrap's local state. */
  readonly workDir: string;
  /** Progress lines. @default - written to stdout */
  readonly log?: (line: string) => void;
  /** Also print every line terraform prints, prefixed with the stack name. @default false */
  readonly verbose?: boolean;
}

/** Options of `localUp`. */
export interface LocalUpOptions extends LocalRunOptions {
  /** Stacks applied after bootstrap. @default every stack: org and each environment */
  readonly stacks?: readonly string[];
}

/** One applied stack. */
export interface StackReport {
  readonly stack: string;
  /** Terraform's apply summary, e.g. `Resources: 10 added, 0 changed, 0 destroyed.` */
  readonly applySummary: string;
  /** Output of the plan after apply (exit code 0: no changes); undefined when the stack was not re-applied. */
  readonly plan?: TerraformResult;
  /** `terraform output -json`, parsed. */
  readonly outputs: Record<string, { value: unknown; sensitive: boolean }>;
}

/** What `localUp` did. */
export interface LocalUpResult {
  readonly emulator: EmulatorHandle;
  readonly outdir: string;
  readonly stacks: StackReport[];
}

/** Where the state of one stack lives in the emulator. */
export interface LocalStateLocation {
  readonly bucket: string;
  readonly key: string;
  readonly lockTable: string;
}

/** The state object and lock table of a stack in the emulator. */
export function localStateLocation(config: RampartConfig, stack: string): LocalStateLocation {
  return { bucket: stateBucketNameFor(config.prefix, config.bootstrap), key: stateKeyFor(config.prefix, stack), lockTable: lockTableNameFor(config.prefix, config.bootstrap) };
}

/** Paths inside a run directory. */
export function runPaths(workDir: string): { record: string; outdir: string; bootstrapState: string; emulatorLog: string } {
  return {
    record: path.join(workDir, 'run.json'),
    outdir: path.join(workDir, 'cdktf.out'),
    bootstrapState: path.join(workDir, 'bootstrap.tfstate'),
    emulatorLog: path.join(workDir, 'emulator.log'),
  };
}

/** Reads the run record, or undefined when there is no run. */
export function readRunRecord(workDir: string): LocalRunRecord | undefined {
  const file = runPaths(workDir).record;
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as LocalRunRecord) : undefined;
}

function saveRunRecord(workDir: string, record: LocalRunRecord): void {
  fs.writeFileSync(runPaths(workDir).record, `${JSON.stringify(record, null, 2)}\n`);
}

/** Environment for terraform on the emulator: no instance-metadata lookups. */
const EMULATOR_ENV: NodeJS.ProcessEnv = { AWS_EC2_METADATA_DISABLED: 'true' };

/** Raised when a local run fails; the emulator and the run directory are left for inspection. */
export class LocalRunError extends Error {
  constructor(
    message: string,
    public readonly cause: Error,
  ) {
    super(message);
    this.name = 'LocalRunError';
  }
}

/**
 * Applies the stacks to the local AWS emulator:
 * 1. starts the emulator on a free loopback port (or reuses the run's emulator);
 * 2. applies bootstrap on local state, checks that a plan shows no changes, and moves its state
 *    into the emulated bucket (`terraform init -migrate-state`);
 * 3. applies each further stack on the S3 backend hosted by the emulator, each followed by
 *    `terraform plan -detailed-exitcode`, which must report no changes;
 * 4. returns every stack's outputs.
 * On failure the emulator and `workDir` stay as they are and a LocalRunError says how to clean up.
 */
export async function localUp(options: LocalUpOptions): Promise<LocalUpResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const paths = runPaths(options.workDir);
  const cfg = options.config;
  const stacks = options.stacks ?? ['org', ...cfg.environments.map((e) => e.name)];
  const known = ['org', ...cfg.environments.map((e) => e.name)];
  const unknown = stacks.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`unknown stack(s) ${unknown.join(', ')}; known: bootstrap (always applied first), ${known.join(', ')}`);

  fs.mkdirSync(options.workDir, { recursive: true });
  let record = readRunRecord(options.workDir);
  if (record && isEmulatorProcess(record.emulator.pid) && (await emulatorResponds(record.emulator.endpoint))) {
    log(`emulator: reusing pid ${record.emulator.pid} at ${record.emulator.endpoint}`);
  } else {
    if (record) log("emulator: the previous run's emulator is gone; starting afresh");
    for (const stale of [paths.outdir, paths.bootstrapState, `${paths.bootstrapState}.migrated`, paths.record]) fs.rmSync(stale, { recursive: true, force: true });
    const emulator = await startEmulator(paths.emulatorLog);
    record = { emulator, bootstrapMigrated: false, applied: [] };
    saveRunRecord(options.workDir, record);
    log(`emulator: started pid ${emulator.pid} at ${emulator.endpoint}`);
  }
  const run = record;
  const deployment: Deployment = { kind: 'local', endpoint: run.emulator.endpoint };
  const runner = new StackRunner(log, options.verbose ?? false);
  const reports: StackReport[] = [];
  let current = 'bootstrap';
  let failed: string | undefined;
  try {
    const remote = { ...cfg, bootstrap: { ...cfg.bootstrap, remoteState: true } };
    let bootstrapSummary: string | undefined;
    if (!run.bootstrapMigrated) {
      const onLocal = { ...cfg, bootstrap: { ...cfg.bootstrap, remoteState: false } };
      const dirs = synthesize(onLocal, { outdir: paths.outdir, deployment, bootstrapStatePath: paths.bootstrapState });
      const localJson = fs.readFileSync(path.join(dirs.bootstrap, 'cdk.tf.json'), 'utf8');
      await runner.init('bootstrap', dirs.bootstrap);
      bootstrapSummary = await runner.apply('bootstrap', dirs.bootstrap);
      synthesize(remote, { outdir: paths.outdir, deployment });
      const remoteJson = fs.readFileSync(path.join(dirs.bootstrap, 'cdk.tf.json'), 'utf8');
      await migrateToRemoteState({ stack: 'bootstrap', dir: dirs.bootstrap, localJson, remoteJson, localStatePath: paths.bootstrapState, env: EMULATOR_ENV, log });
      run.bootstrapMigrated = true;
      saveRunRecord(options.workDir, run);
    }
    const dirs = synthesize(remote, { outdir: paths.outdir, deployment });
    await runner.init('bootstrap', dirs.bootstrap);
    const fingerprint = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(dirs.bootstrap, 'cdk.tf.json')))
      .digest('hex');
    if (bootstrapSummary === undefined && run.bootstrapApplied === fingerprint) {
      // Nothing but this run touches the emulator, so an unchanged stack cannot have drifted.
      log('[bootstrap] unchanged since it was applied and re-planned by an earlier up; not applied again');
      reports.push({ stack: 'bootstrap', applySummary: 'unchanged', outputs: await runner.outputs('bootstrap', dirs.bootstrap) });
    } else {
      // On a later `up` with a changed bootstrap stack it is applied again, now on its own bucket.
      bootstrapSummary ??= await runner.apply('bootstrap', dirs.bootstrap);
      reports.push(await runner.report('bootstrap', dirs.bootstrap, bootstrapSummary));
      run.bootstrapApplied = fingerprint;
      saveRunRecord(options.workDir, run);
    }
    // Stacks without dependencies between them are applied side by side.
    const done: Record<string, StackReport> = {};
    await inDependencyOrder(stacks, stackDependencies(paths.outdir), async (stack) => {
      try {
        await runner.init(stack, dirs[stack]);
        const summary = await runner.apply(stack, dirs[stack]);
        run.applied = known.filter((s) => s === stack || run.applied.includes(s));
        saveRunRecord(options.workDir, run);
        done[stack] = await runner.report(stack, dirs[stack], summary);
      } catch (e) {
        failed ??= stack;
        throw e;
      }
    });
    reports.push(...stacks.map((s) => done[s]));
  } catch (e) {
    const err = e as Error;
    current = failed ?? current;
    for (const line of runner.summary()) log(line);
    throw new LocalRunError(
      [
        err.message,
        '',
        `The local run stopped at stack ${current}. The emulator (pid ${run.emulator.pid}, ${run.emulator.endpoint}) and the run directory ${options.workDir} are left for inspection, e.g.:`,
        `  cd ${path.join(paths.outdir, 'stacks', current)} && terraform state list`,
        'Clean up with:',
        '  npm run local -- down           destroy what was applied and stop the emulator',
        '  npm run local -- down --force   stop the emulator and delete the run directory without destroying',
      ].join('\n'),
      err,
    );
  }
  for (const r of reports) {
    for (const [name, out] of Object.entries(r.outputs)) log(`[${r.stack}] output ${name} = ${out.sensitive ? '(sensitive)' : JSON.stringify(out.value)}`);
  }
  for (const line of runner.summary()) log(line);
  log(`local run complete: ${['bootstrap', ...stacks].join(', ')} applied, plans empty. Take it down with: npm run local -- down`);
  return { emulator: run.emulator, outdir: paths.outdir, stacks: reports };
}

/** Options of `localDown`. */
export interface LocalDownOptions extends LocalRunOptions {
  /** Skip `terraform destroy`: only stop the emulator and delete the run directory. @default false */
  readonly force?: boolean;
}

/**
 * Destroys what `localUp` applied (last applied first) with `terraform destroy`, then stops the
 * emulator and deletes the run directory. The bootstrap stack's bucket, lock table and key carry
 * `prevent_destroy`, as in a real account, so Terraform does not destroy them: they go with the
 * emulator. If a destroy fails, the emulator and the run directory stay for inspection.
 */
export async function localDown(options: LocalDownOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const paths = runPaths(options.workDir);
  const run = readRunRecord(options.workDir);
  if (!run) {
    log(`nothing to take down: no local run in ${options.workDir}`);
    fs.rmSync(options.workDir, { recursive: true, force: true });
    return;
  }
  const alive = isEmulatorProcess(run.emulator.pid) && (await emulatorResponds(run.emulator.endpoint));
  if (alive && !options.force) {
    const cfg = options.config;
    const deployment: Deployment = { kind: 'local', endpoint: run.emulator.endpoint };
    const dirs = synthesize({ ...cfg, bootstrap: { ...cfg.bootstrap, remoteState: run.bootstrapMigrated } }, { outdir: paths.outdir, deployment, bootstrapStatePath: paths.bootstrapState });
    const runner = new StackRunner(log, options.verbose ?? false);
    const missing = run.applied.filter((stack) => !dirs[stack]);
    if (missing.length > 0) throw new Error(`${missing.join(', ')} no longer in the config; destroy by hand in ${path.join(paths.outdir, 'stacks')} or use down --force`);
    await inDependencyOrder(
      run.applied,
      stackDependencies(paths.outdir),
      async (stack) => {
        await runner.init(stack, dirs[stack]);
        await runner.destroy(stack, dirs[stack], emulatorUnblockers(run.emulator.endpoint, cfg, stack));
        run.applied = run.applied.filter((s) => s !== stack);
        saveRunRecord(options.workDir, run);
      },
      { reverse: true },
    ).finally(() => runner.summary().forEach((line) => log(line)));
    log('[bootstrap] the state bucket, lock table and key are protected by prevent_destroy; they are discarded with the emulator');
  } else if (!alive) {
    log('emulator: not running; removing the run directory');
  }
  await stopEmulator(run.emulator.pid);
  log(`emulator: stopped pid ${run.emulator.pid}`);
  fs.rmSync(options.workDir, { recursive: true, force: true });
  log(`removed ${options.workDir}`);
}

/** Each synthesised stack's dependencies on other stacks, from cdktf's manifest. */
export function stackDependencies(outdir: string): Record<string, string[]> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies?: string[] }> };
  return Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies ?? []]));
}

/**
 * Runs `work` for every stack once all its dependencies among `stacks` are done (with
 * `reverse`, once every stack depending on it is done), as many at a time as are ready. After a
 * failure no further stack starts; the first error is thrown once the running ones have ended.
 */
export async function inDependencyOrder(stacks: readonly string[], dependencies: Record<string, string[]>, work: (stack: string) => Promise<void>, options: { reverse?: boolean } = {}): Promise<void> {
  const waitsFor = (stack: string): string[] =>
    options.reverse ? stacks.filter((other) => (dependencies[other] ?? []).includes(stack)) : (dependencies[stack] ?? []).filter((d) => stacks.includes(d));
  const finished = new Set<string>();
  const started = new Set<string>();
  let error: unknown;
  const running = new Map<string, Promise<void>>();
  for (;;) {
    if (error === undefined) {
      for (const stack of stacks) {
        if (!started.has(stack) && waitsFor(stack).every((d) => finished.has(d))) {
          started.add(stack);
          running.set(
            stack,
            work(stack)
              .then(
                () => void finished.add(stack),
                (e) => void (error ??= e),
              )
              .finally(() => running.delete(stack)),
          );
        }
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (error !== undefined) throw error;
  const stuck = stacks.filter((s) => !finished.has(s));
  if (stuck.length > 0) throw new Error(`stacks ${stuck.join(', ')} depend on each other in a cycle`);
}

/**
 * Concurrent operations per terraform run against the emulator (RAMPART_LOCAL_PARALLELISM,
 * default 4, Terraform's own default is 10). Under load the emulator has been seen to answer a
 * burst of concurrent security-group rule requests with a spurious "rule already exists".
 */
export function emulatorParallelism(): number {
  const value = Number(process.env.RAMPART_LOCAL_PARALLELISM ?? 4);
  return Number.isInteger(value) && value >= 1 && value <= 64 ? value : 4;
}

/**
 * Longest a single terraform step may take on the emulator before it is interrupted
 * (RAMPART_LOCAL_STEP_TIMEOUT in seconds, default 900). Database waits are the slow ones; the
 * emulator gaps aspect also bounds the provider's own database timeouts.
 */
export function emulatorStepTimeoutMs(): number {
  const value = Number(process.env.RAMPART_LOCAL_STEP_TIMEOUT ?? 900);
  return (Number.isFinite(value) && value > 0 ? value : 900) * 1000;
}

/**
 * Errors of a call the provider resent after the emulator had already carried it out (seen on a
 * loaded 2-core machine): the apply is retried once when it fails with one of these.
 */
export const EMULATOR_RETRY_RACES: readonly RegExp[] = [/RevokeSecurityGroupEgress.*InvalidPermission\.NotFound/s, /RouteAlreadyExists/];

/**
 * The lock id when a terraform step failed on a lock that the step itself took: the S3 backend
 * resent its lock request (DynamoDB PutItem) after the emulator had already stored the first one,
 * and the resent request then found the step's own lock (seen on a loaded 2-core machine). That
 * is a lock written by terraform on this machine (`Who` is `<user>@<host>`, as terraform writes
 * it) at or after the step started. Any other lock (another machine, another user, or taken
 * before the step) belongs to someone else and stops the run, as it should.
 */
export function ownResentLock(message: string, stepStarted: number, who = `${os.userInfo().username}@${os.hostname()}`): string | undefined {
  if (!message.includes('Error acquiring the state lock')) return undefined;
  const id = /\bID:\s+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/.exec(message)?.[1];
  const lockWho = /\bWho:\s+(\S+)/.exec(message)?.[1];
  // terraform writes Created in UTC: "2026-12-04 17:36:07.516818634 +0000 UTC".
  const created = /\bCreated:\s+(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? \+0000 UTC/.exec(message);
  if (!id || lockWho !== who || !created) return undefined;
  const createdMs = Date.parse(`${created[1]}T${created[2]}${(created[3] ?? '').slice(0, 4)}Z`);
  // One second of slack for the clock readings of two processes.
  return createdMs >= stepStarted - 1000 ? id : undefined;
}

/**
 * `terraform apply -refresh-only -auto-approve`, run right after every apply. The state an apply
 * records for a resource is the resource as it was when Terraform created it; resources created
 * later in the same apply change it again (rules of a security group or network ACL, routes of a
 * route table, inline policies of a role, the settings of a bucket, a topic's policy, an
 * address's association), and the provider reads some unset values back as empty ones. A
 * refresh-only plan then reports all of that as changes made outside Terraform, although nothing
 * but the apply touched the infrastructure, and `npm run drift` could never be clean. Refreshing
 * once after the apply records the infrastructure as the apply left it, so drift reports only what
 * changed afterwards. The CI deploy workflow does the same after its apply.
 */
export function refreshAfterApplyArgs(): string[] {
  return ['apply', '-refresh-only', '-auto-approve', '-input=false', '-no-color', `-parallelism=${emulatorParallelism()}`];
}

/** Where one stack is: its current step, elapsed time and result. */
export interface StackProgress {
  readonly stack: string;
  step: string;
  readonly started: number;
  ended?: number;
  result?: string;
}

/** Finds a stack's account target (account, region, deploy role) in the config. */
export function stackTarget(config: RampartConfig, stack: string): { accountId: string; region: string; deployRoleArn: string } {
  if (stack === 'bootstrap') return config.bootstrap;
  if (stack === 'org') return config.org;
  const env = config.environments.find((e) => e.name === stack);
  if (!env) throw new Error(`unknown stack ${stack}`);
  return env;
}

/** Runs terraform steps on stacks with progress lines (step, elapsed time, result per stack). */
export class StackRunner {
  /** Progress of every stack this runner has worked on, in the order they started. */
  public readonly progress = new Map<string, StackProgress>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly verbose: boolean,
  ) {}

  private async step(stack: string, label: string, dir: string, args: string[], okCodes: number[] = [0]): Promise<TerraformResult> {
    const started = Date.now();
    const p = this.progress.get(stack) ?? { stack, step: label, started };
    p.step = label;
    p.ended = undefined;
    p.result = undefined;
    this.progress.set(stack, p);
    this.log(`[${stack}] ${label} ... (${elapsed(p.started)} s into the stack)`);
    const run = (): Promise<TerraformResult> =>
      terraform(dir, args, {
        stack,
        env: EMULATOR_ENV,
        okCodes,
        timeoutMs: emulatorStepTimeoutMs(),
        onLine: this.verbose ? (line) => this.log(`[${stack}]   ${line}`) : undefined,
      });
    try {
      let result: TerraformResult;
      try {
        result = await run();
      } catch (e) {
        const lock = ownResentLock(String((e as Error).message), started);
        if (!lock) throw e;
        this.log(
          `[${stack}] ${label} found the state locked by its own lock ${lock} (the emulator kept a lock request the backend sent again); releasing it with terraform force-unlock and running ${label} once more`,
        );
        await terraform(dir, ['force-unlock', '-force', lock], { stack, env: EMULATOR_ENV });
        result = await run();
      }
      this.log(`[${stack}] ${label} done (${elapsed(started)} s)`);
      return result;
    } catch (e) {
      this.finish(stack, `failed at ${label}`);
      throw e;
    }
  }

  /** Records a stack's result (and the time it ended). */
  finish(stack: string, result: string): void {
    const p = this.progress.get(stack);
    if (!p || p.result?.startsWith('failed')) return;
    p.ended = Date.now();
    p.result = result;
  }

  /** One line per stack: its result, last step and elapsed time. */
  summary(): string[] {
    return [...this.progress.values()].map((p) => `[${p.stack}] ${p.result ?? `still at ${p.step}`} (${elapsed(p.started, p.ended)} s)`);
  }

  async init(stack: string, dir: string): Promise<void> {
    await this.step(stack, 'init', dir, ['init', '-input=false', '-no-color']);
  }

  /**
   * `terraform apply`, then `terraform apply -refresh-only` (see {@link refreshAfterApplyArgs});
   * returns the apply's summary line.
   */
  async apply(stack: string, dir: string): Promise<string> {
    const args = ['apply', '-auto-approve', '-input=false', '-no-color', `-parallelism=${emulatorParallelism()}`];
    let r: TerraformResult;
    try {
      r = await this.step(stack, 'apply', dir, args);
    } catch (e) {
      // Under load the provider can resend a call the emulator already carried out; the second
      // attempt then fails on the emulator's own answer. One more apply completes from the state.
      const race = EMULATOR_RETRY_RACES.find((pattern) => pattern.test(String((e as Error).message)));
      if (!race) throw e;
      this.log(`[${stack}] apply met an emulator race (${race.source}); applying once more`);
      const p = this.progress.get(stack);
      if (p) p.result = undefined;
      r = await this.step(stack, 'apply (retry after an emulator race)', dir, args);
    }
    const summary = /Apply complete! (Resources: [^\n]*)/.exec(r.stdout)?.[1] ?? 'applied';
    this.log(`[${stack}] ${summary}`);
    await this.step(stack, 'refresh state after apply', dir, refreshAfterApplyArgs());
    return summary;
  }

  /**
   * `terraform plan -detailed-exitcode`; rejects unless it reports no changes. It runs with
   * `-refresh=false` because {@link apply} has just refreshed the state from the infrastructure
   * (`apply -refresh-only`), so the plan compares the configuration with what the provider read
   * back, as a refreshing plan would, without reading every resource a second time.
   */
  async planIsEmpty(stack: string, dir: string): Promise<TerraformResult> {
    const args = ['plan', '-detailed-exitcode', '-refresh=false', '-input=false', '-no-color', `-parallelism=${emulatorParallelism()}`];
    const r = await this.step(stack, 'plan after apply', dir, args, [0, 2]);
    if (r.code === 2) {
      this.finish(stack, 'failed: the plan after apply is not empty');
      const changes = r.stdout
        .split('\n')
        .filter((l) => /^\s+# |^Plan: /.test(l))
        .join('\n');
      throw new TerraformError(stack, args, { code: 2, stdout: r.stdout, stderr: changes || r.stdout }, 'the plan after apply is not empty');
    }
    this.log(`[${stack}] plan after apply: no changes`);
    return r;
  }

  async outputs(stack: string, dir: string): Promise<Record<string, { value: unknown; sensitive: boolean }>> {
    const r = await terraform(dir, ['output', '-json', '-no-color'], { stack, env: EMULATOR_ENV });
    return JSON.parse(r.stdout || '{}');
  }

  async report(stack: string, dir: string, applySummary: string): Promise<StackReport> {
    const plan = await this.planIsEmpty(stack, dir);
    this.finish(stack, `applied (${applySummary.replace(/^Resources: /, '').replace(/\.$/, '')}), plan after apply empty`);
    return { stack, applySummary, plan, outputs: await this.outputs(stack, dir) };
  }

  /**
   * `terraform destroy`. Two kinds of resource refuse deletion on purpose, and on the emulator
   * `down` clears the refusal through the emulator's API (`unblock`, with the stack account's
   * credentials), logs it, and destroys once more:
   * - a bucket the emulator itself wrote objects into (server access logs): the buckets carry no
   *   `force_destroy`, so it is emptied;
   * - a production database (`deletion_protection`): its deletion protection is turned off.
   * On AWS both keep refusing until someone does the same by hand, as they should.
   */
  async destroy(stack: string, dir: string, unblock?: DestroyUnblockers): Promise<void> {
    const args = ['destroy', '-auto-approve', '-input=false', '-no-color', `-parallelism=${emulatorParallelism()}`];
    let r: TerraformResult;
    try {
      r = await this.step(stack, 'destroy', dir, args);
    } catch (e) {
      const stderr = e instanceof TerraformError ? e.result.stderr : '';
      const buckets = [...stderr.matchAll(/deleting S3 Bucket \(([a-z0-9.-]+)\)[^\n]*BucketNotEmpty/g)].map((m) => m[1]);
      const databases = [...stderr.matchAll(/deleting RDS DB Instance \(([A-Za-z0-9-]+)\)[^\n]*Cannot delete protected DB Instance/g)].map((m) => m[1]);
      if (!unblock || buckets.length + databases.length === 0) throw e;
      const p = this.progress.get(stack);
      if (p) p.result = undefined;
      for (const bucket of buckets) this.log(`[${stack}] emptied bucket ${bucket} on the emulator (${await unblock.emptyBucket(bucket)} object versions)`);
      for (const db of databases) {
        await unblock.disableDeletionProtection(db);
        this.log(`[${stack}] turned off deletion protection of database ${db} on the emulator`);
      }
      r = await this.step(stack, 'destroy (again)', dir, args);
    }
    const summary = /Destroy complete! (Resources: [^\n]*)/.exec(r.stdout)?.[1] ?? 'destroyed';
    this.log(`[${stack}] ${summary}`);
    this.finish(stack, summary.replace(/^Resources: /, '').replace(/\.$/, ''));
  }
}

/** What `destroy` does on the emulator to a resource that refuses deletion on purpose. */
export interface DestroyUnblockers {
  /** Deletes every object version of a bucket; returns how many were deleted. */
  readonly emptyBucket: (bucket: string) => Promise<number>;
  /** Turns off the deletion protection of a database instance. */
  readonly disableDeletionProtection: (dbInstanceIdentifier: string) => Promise<void>;
}

/** {@link DestroyUnblockers} for a stack on the emulator, acting with the stack account's credentials (its deploy role). */
export function emulatorUnblockers(endpoint: string, config: RampartConfig, stack: string): DestroyUnblockers {
  const target = stackTarget(config, stack);
  const credentials = (): Promise<Credentials> => assumeRole(endpoint, target.region, target.deployRoleArn, `rampart-local-${stack}`);
  return {
    emptyBucket: async (bucket) => {
      const s3 = emulatorS3(endpoint, target.region, await credentials());
      try {
        return await emptyBucket(s3, bucket);
      } finally {
        s3.destroy();
      }
    },
    disableDeletionProtection: async (id) => {
      const rds = new RDSClient(emulatorClientConfig(endpoint, target.region, await credentials()));
      try {
        await rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: id, DeletionProtection: false, ApplyImmediately: true }));
      } finally {
        rds.destroy();
      }
    },
  };
}

function elapsed(from: number, to = Date.now()): string {
  return ((to - from) / 1000).toFixed(1);
}
