import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { IKmsKey, RampartValidationError, isUnresolved } from '@rampart/core';
import { Construct } from 'constructs';

/** Properties of a {@link HardenedCluster}. */
export interface HardenedClusterProps {
  /** Cluster name: letters, digits, hyphens, underscores (1-255). */
  readonly name: string;
  /**
   * Key for Fargate ephemeral storage. Its key policy must let Fargate use it.
   * @default - Fargate encrypts ephemeral storage with an AWS-owned key
   */
  readonly ephemeralStorageKey?: IKmsKey;
}

/** An ECS cluster with Container Insights on and ECS Exec left unconfigured (services keep it off). */
export class HardenedCluster extends Construct {
  public readonly clusterArn: string;
  public readonly clusterName: string;
  /** Escape hatch: the provider resource. */
  public readonly resource: EcsCluster;

  constructor(scope: Construct, id: string, props: HardenedClusterProps) {
    super(scope, id);
    if (typeof props.name !== 'string' || (!isUnresolved(props.name) && !/^[A-Za-z0-9_-]{1,255}$/.test(props.name))) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be 1-255 letters, digits, hyphens or underscores' });
    }
    this.resource = new EcsCluster(this, 'cluster', {
      name: props.name,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
      ...(props.ephemeralStorageKey ? { configuration: { managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: props.ephemeralStorageKey.keyArn } } } : {}),
    });
    this.clusterArn = this.resource.arn;
    this.clusterName = this.resource.name;
  }
}
