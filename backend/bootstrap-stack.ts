import { Construct } from 'constructs';
import { Deployment, BootstrapConfig, PlatformTags } from '../src/config/types';
import { RampartStack } from '../stacks/rampart-stack';

export interface BootstrapStackProps {
  readonly prefix: string;
  readonly deployment?: Deployment;
  readonly bootstrap: BootstrapConfig;
  readonly platform: PlatformTags;
}

/** Remote state for every other stack: the state bucket and the lock table. Starts on local state. */
export class BootstrapStack extends RampartStack {
  public readonly stateBucketName: string;
  public readonly lockTableName: string;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: props.bootstrap,
      tags: { environment: 'bootstrap', ...props.platform, dataClassification: 'confidential' },
    });
    this.stateBucketName = props.bootstrap.stateBucketName ?? `${props.prefix}-tfstate-${props.bootstrap.accountId}`;
    this.lockTableName = props.bootstrap.lockTableName ?? `${props.prefix}-tfstate-lock`;
  }
}
