import { Construct } from 'constructs';
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

  constructor(scope: Construct, id: string, props: OrgStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: props.org,
      tags: { environment: 'org', ...props.platform, dataClassification: 'internal' },
    });
    this.org = props.org;
  }
}
