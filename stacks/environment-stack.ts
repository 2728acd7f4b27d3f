import { Construct } from 'constructs';
import { IKmsKey } from '@rampart/core';
import { RetentionPolicy } from '@rampart/logging';
import { AlertTopic, VpcDeletionAlarm } from '@rampart/monitoring';
import { Deployment, EnvironmentConfig } from '../src/config/types';
import { RampartStack } from './rampart-stack';
import { temporaryLogsKey } from './temporary-logs-key';

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
  /** The key every log group of this environment is encrypted with. */
  public readonly logsKey: IKmsKey;
  /** Retention table of this environment's logs (flow logs, application logs). */
  public readonly retention: RetentionPolicy;
  /** The environment's alert topic; workload alarms (CpuAlarm) notify it. */
  public readonly alertTopic: AlertTopic;
  public readonly vpcDeletionAlarm: VpcDeletionAlarm;

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
    this.retention = RetentionPolicy.DEFAULT;
    this.logsKey = temporaryLogsKey(this, this.names, env.region);
    this.alertTopic = new AlertTopic(this, 'alerts', { names: this.names, key: this.logsKey, subscriptions: env.monitoring?.alertSubscriptions });
    this.vpcDeletionAlarm = new VpcDeletionAlarm(this, 'vpc-deletion-alarm', { names: this.names, alarmTarget: this.alertTopic });
  }
}
