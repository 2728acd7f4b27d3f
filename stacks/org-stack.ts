import { Construct } from 'constructs';
import { DataClassKeys } from '@rampart/encryption';
import { Deployment, OrgConfig, PlatformTags } from '../src/config/types';
import { RampartStack } from './rampart-stack';

export interface OrgStackProps {
  readonly prefix: string;
  readonly deployment?: Deployment;
  readonly org: OrgConfig;
  readonly platform: PlatformTags;
}

/** The organisation management account: guardrails (SCPs) and the organisation-wide trail. */
export class OrgStack extends RampartStack {
  public readonly org: OrgConfig;
  /** The management account's keys: only `logs` (for the organisation trail and its log groups). */
  public readonly keys: DataClassKeys;

  constructor(scope: Construct, id: string, props: OrgStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: props.org,
      tags: { environment: 'org', ...props.platform, dataClassification: 'internal' },
    });
    this.org = props.org;
    this.keys = new DataClassKeys(this, 'keys', {
      names: this.names,
      purposes: ['logs'],
      adminRoleArn: props.org.keyAdminRoleArn ?? props.org.deployRoleArn,
      accountId: props.org.accountId,
      region: props.org.region,
      partition: props.org.deployRoleArn.split(':')[1],
    });
  }
}
