import * as path from 'path';
import { App } from 'cdktf';
import { RampartPolicy } from '@rampart/policy';
import { BootstrapStack } from '../backend/bootstrap-stack';
import { wireStateBackends } from '../backend/state-backend';
import { EnvironmentStack } from '../stacks/environment-stack';
import { OrgStack } from '../stacks/org-stack';
import { Deployment, RampartConfig } from './config/types';

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
 * each wired to its state backend (see backend/state-backend.ts).
 */
export function buildApp(config: RampartConfig, options: BuildOptions): { app: App; stacks: RampartStacks } {
  const app = new App({ outdir: options.outdir, stackTraces: false });
  const bootstrap = new BootstrapStack(app, 'bootstrap', { prefix: config.prefix, deployment: options.deployment, bootstrap: config.bootstrap, platform: config.platform });
  const org = new OrgStack(app, 'org', {
    prefix: config.prefix,
    deployment: options.deployment,
    org: config.org,
    platform: config.platform,
    holdsProductionRecords: config.environments.some((e) => e.production),
    allowedServices: config.permissionBoundary?.allowedServices,
  });
  const environments: Record<string, EnvironmentStack> = {};
  for (const env of config.environments) {
    environments[env.name] = new EnvironmentStack(app, env.name, { prefix: config.prefix, deployment: options.deployment, environment: env, github: config.github, breakGlassRolePattern: config.org.guardrails.breakGlassRolePattern, allowedServices: config.permissionBoundary?.allowedServices });
  }
  wireStateBackends(config, [bootstrap, org, ...Object.values(environments)], { deployment: options.deployment, bootstrapStatePath: options.bootstrapStatePath });
  // Every stack runs the rampart-baseline pack at synth; production rules follow the config flag.
  // org (audit records) and bootstrap (state) hold production data as soon as any environment is
  // production, so they are evaluated as production too.
  const anyProduction = config.environments.some((e) => e.production);
  RampartPolicy.apply(app, {
    production: (stack) => (stack instanceof EnvironmentStack ? stack.environment.production : (stack === org || stack === bootstrap) && anyProduction),
    // Bootstrap creates the state bucket, so it starts on local state until migrated into it.
    stateBootstrap: (stack) => stack === bootstrap && !config.bootstrap.remoteState,
  });
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
