import * as path from 'path';
import { App } from 'cdktf';
import { BootstrapStack } from '../stacks/bootstrap-stack';
import { EnvironmentStack } from '../stacks/environment-stack';
import { OrgStack } from '../stacks/org-stack';
import { wireStateBackends } from '../stacks/state-backend';
import { Deployment, RampartConfig } from './config/types';
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
  readonly environments: Record<string, EnvironmentStack>;
}

/**
 * Builds the app from a validated config: stacks `bootstrap`, `org` and one per environment,
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
  const org = new OrgStack(app, 'org', {
    prefix: config.prefix,
    org: config.org,
    platform: config.platform,
    holdsProductionRecords: anyProduction,
    providerOverrides: local?.providerOverrides,
    enableTrailLogging: local?.enableTrailLogging,
    allowedServices: config.permissionBoundary?.allowedServices,
  });
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
    });
  }
  const all = [bootstrap, org, ...Object.values(environments)];
  wireStateBackends(config, all, { bootstrapStatePath: options.bootstrapStatePath, ...(local ? { backend: 's3', s3: local.s3State } : {}) });
  if (local) all.forEach(addEmulatorGaps);
  return { app, stacks: { bootstrap, org, environments } };
}

/** Builds and synthesises the app into `options.outdir`; returns the directory of each stack by name. */
export function synthesize(config: RampartConfig, options: BuildOptions): Record<string, string> {
  const { app, stacks } = buildApp(config, options);
  app.synth();
  const dirs: Record<string, string> = {};
  for (const name of ['bootstrap', 'org', ...Object.keys(stacks.environments)]) dirs[name] = path.join(options.outdir, 'stacks', name);
  return dirs;
}
