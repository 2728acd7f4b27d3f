import * as path from 'path';
import { App } from 'cdktf';
import { BootstrapStack } from '../stacks/bootstrap-stack';
import { logArchiveNames } from '../stacks/account-detection';
import { EnvironmentStack } from '../stacks/environment-stack';
import { LogArchiveStack } from '../stacks/log-archive-stack';
import { OrgStack } from '../stacks/org-stack';
import { SecurityStack } from '../stacks/security-stack';
import { wireStateBackends } from '../stacks/state-backend';
import { Deployment, RampartConfig } from '../config/types';
import { regionPartition } from '../config/regions';
import { addEmulatorGaps, localTargetSettings } from './local/target';

export interface BuildOptions {
  /** Where cdktf writes the synthesised stacks. */
  readonly outdir: string;
  /** Where the stacks will run. @default { kind: 'aws' } */
  readonly deployment?: Deployment;
  /**
   * Local state file of the bootstrap stack while it is on local state.
   * @default `terraform.bootstrap.tfstate` in the working directory
   */
  readonly bootstrapStatePath?: string;
}

/** The stacks of one app, by name. */
export interface RampartStacks {
  readonly bootstrap: BootstrapStack;
  readonly org: OrgStack;
  /** The log-archive account's stack, unless `accounts.separateLogArchiveAndSecurity` is false. */
  readonly logArchive?: LogArchiveStack;
  /** The security account's stack, unless `accounts.separateLogArchiveAndSecurity` is false. */
  readonly security?: SecurityStack;
  readonly environments: Record<string, EnvironmentStack>;
}

/**
 * Builds the app from a validated config: stacks `bootstrap`, `org`, `log-archive` and `security`
 * (unless `accounts.separateLogArchiveAndSecurity` is false) and one per environment,
 * each wired to its state backend (see stacks/state-backend.ts). Every stack extends the
 * baseline (`@rampart/baseline`), which runs the policy pack at synth. The `local` deployment
 * only changes settings the stacks expose (see src/local/target.ts).
 */
export function buildApp(config: RampartConfig, options: BuildOptions): { app: App; stacks: RampartStacks } {
  const app = new App({ outdir: options.outdir, stackTraces: false });
  const deployment = options.deployment ?? { kind: 'aws' };
  const local = deployment.kind === 'local' ? localTargetSettings(config, deployment.endpoint) : undefined;
  // org (audit records) and bootstrap (state) hold production data as soon as any environment is
  // production, so the pack's production rules run on them too.
  const anyProduction = config.environments.some((e) => e.production);
  const bootstrap = new BootstrapStack(app, 'bootstrap', {
    prefix: config.prefix,
    bootstrap: config.bootstrap,
    platform: config.platform,
    production: anyProduction,
    providerOverrides: local?.providerOverrides,
    stateBucketTlsOptOut: local?.stateBucketTlsOptOut,
  });
  // The log-archive and security accounts: their buckets and key are found by name (logArchiveNames).
  const separate = !local && (config.accounts?.separateLogArchiveAndSecurity ?? true) && config.logArchive !== undefined && config.security !== undefined;
  // Both act for the whole organisation (regional buckets, aggregators): their boundaries allow the organisation's regions.
  const logArchiveTarget = separate ? { ...config.logArchive!, allowedRegions: config.org.allowedRegions } : undefined;
  const securityTarget = separate ? { ...config.security!, allowedRegions: config.org.allowedRegions } : undefined;
  const archive = logArchiveTarget ? logArchiveNames(config.prefix, logArchiveTarget, regionPartition(logArchiveTarget.region, config.regions)) : undefined;
  const orgTarget = config.org;
  const org = new OrgStack(app, 'org', {
    prefix: config.prefix,
    org: orgTarget,
    platform: config.platform,
    holdsProductionRecords: anyProduction,
    providerOverrides: local?.providerOverrides,
    enableTrailLogging: local?.enableTrailLogging,
    allowedServices: config.permissionBoundary?.allowedServices,
    accounts: archive && securityTarget ? { archive, securityAccountId: securityTarget.accountId } : undefined,
    accountsOptOutReason: local ? local.withoutAccountDetection.reason : config.accounts?.reason,
    withoutAccountDetection: local?.withoutAccountDetection,
    securityContact: config.securityContact,
  });
  let logArchive: LogArchiveStack | undefined;
  let security: SecurityStack | undefined;
  if (logArchiveTarget && securityTarget && archive) {
    logArchive = new LogArchiveStack(app, 'log-archive', {
      prefix: config.prefix,
      logArchive: logArchiveTarget,
      management: orgTarget,
      securityAccountId: securityTarget.accountId,
      memberAccountIds: [orgTarget.accountId, securityTarget.accountId, ...config.environments.map((e) => e.accountId)],
      platform: config.platform,
      logging: config.org.logging,
      holdsProductionRecords: anyProduction,
      securityContact: config.securityContact,
      providerOverrides: local?.providerOverrides,
      allowedServices: config.permissionBoundary?.allowedServices,
      breakGlassRolePattern: config.org.guardrails.breakGlassRolePattern,
    });
    security = new SecurityStack(app, 'security', {
      prefix: config.prefix,
      security: securityTarget,
      archive,
      allowedRegions: config.org.allowedRegions,
      platform: config.platform,
      holdsProductionRecords: anyProduction,
      securityContact: config.securityContact,
      providerOverrides: local?.providerOverrides,
      allowedServices: config.permissionBoundary?.allowedServices,
      breakGlassRolePattern: config.org.guardrails.breakGlassRolePattern,
    });
    // The trail writes to the log-archive bucket; the security account administers only once the org stack delegated it.
    org.addDependency(logArchive);
    security.addDependency(org);
    security.addDependency(logArchive);
  }
  const environments: Record<string, EnvironmentStack> = {};
  for (const env of config.environments) {
    environments[env.name] = new EnvironmentStack(app, env.name, {
      prefix: config.prefix,
      environment: env,
      github: config.github,
      breakGlassRolePattern: config.org.guardrails.breakGlassRolePattern,
      providerOverrides: local?.providerOverrides,
      standInWorkloadCertificate: local?.standInWorkloadCertificate,
      backupWithoutSelections: local?.backupWithoutSelections,
      allowedServices: config.permissionBoundary?.allowedServices,
      archive,
      securityContact: config.securityContact,
      withoutAccountDetection: local?.withoutAccountDetection,
    });
    const stack = environments[env.name];
    if (logArchive) stack.addDependency(logArchive);
  }
  const all = [bootstrap, org, ...(logArchive ? [logArchive] : []), ...(security ? [security] : []), ...Object.values(environments)];
  wireStateBackends(config, all, { bootstrapStatePath: options.bootstrapStatePath, ...(local ? { backend: 's3', s3: local.s3State } : {}) });
  if (local) all.forEach(addEmulatorGaps);
  return { app, stacks: { bootstrap, org, logArchive, security, environments } };
}

/** Builds and synthesises the app into `options.outdir`; returns the directory of each stack by name. */
export function synthesize(config: RampartConfig, options: BuildOptions): Record<string, string> {
  const { app, stacks } = buildApp(config, options);
  app.synth();
  const dirs: Record<string, string> = {};
  const shared = ['bootstrap', 'org', ...(stacks.logArchive ? ['log-archive'] : []), ...(stacks.security ? ['security'] : [])];
  for (const name of [...shared, ...Object.keys(stacks.environments)]) dirs[name] = path.join(options.outdir, 'stacks', name);
  return dirs;
}
