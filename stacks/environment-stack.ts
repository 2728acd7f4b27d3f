import { Construct } from 'constructs';
import { Deployment, EnvironmentConfig } from '../src/config/types';
import { RampartStack } from './rampart-stack';

/** Properties of one environment stack. */
export interface EnvironmentStackProps {
  readonly prefix: string;
  readonly deployment?: Deployment;
  readonly environment: EnvironmentConfig;
}

/**
 * One environment (dev, staging, prod) in its own account. The same class serves every
 * environment; what differs comes from its config, never from its name.
 */
export class EnvironmentStack extends RampartStack {
  public readonly environment: EnvironmentConfig;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: env,
      tags: {
        environment: env.name,
        owner: env.owner,
        costCenter: env.costCenter,
        compliance: env.compliance,
        dataClassification: env.defaultDataClass,
      },
    });
    this.environment = env;
  }
}
