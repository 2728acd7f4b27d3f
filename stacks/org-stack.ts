import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { Construct } from 'constructs';
import { ScpCatalogue } from '@rampart/guardrails';
import { DataClassKeys } from '@rampart/encryption';
import { Deployment, OrgConfig, PlatformTags } from '../src/config/types';
import { RampartStack } from './rampart-stack';

export interface OrgStackProps {
  readonly prefix: string;
  readonly deployment?: Deployment;
  readonly org: OrgConfig;
  readonly platform: PlatformTags;
}

/** Service principals the managed organisation trusts: the organisation trail and IAM Identity Center. */
export const ORGANIZATION_SERVICE_PRINCIPALS: readonly string[] = ['cloudtrail.amazonaws.com', 'sso.amazonaws.com'];

/** The organisation management account: guardrails (SCPs) and the organisation-wide trail. */
export class OrgStack extends RampartStack {
  public readonly org: OrgConfig;
  /** The organisation, when `org.manageOrganization` is set. */
  public readonly organization?: OrganizationsOrganization;
  /** The SCP catalogue. */
  public readonly scps: ScpCatalogue;
  /** The management account's keys: only `logs` (for the organisation trail and its log groups). */
  public readonly keys: DataClassKeys;

  constructor(scope: Construct, id: string, props: OrgStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: props.org,
      allowedRegions: props.org.allowedRegions,
      tags: { environment: 'org', ...props.platform, dataClassification: 'internal' },
    });
    this.org = props.org;
    if (props.org.manageOrganization) {
      this.organization = new OrganizationsOrganization(this, 'organization', {
        featureSet: 'ALL',
        enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
        awsServiceAccessPrincipals: [...ORGANIZATION_SERVICE_PRINCIPALS],
      });
    }
    const guardrails = props.org.guardrails;
    this.scps = new ScpCatalogue(this, 'scps', {
      names: this.names,
      allowedRegions: props.org.allowedRegions,
      breakGlassRolePattern: guardrails.breakGlassRolePattern,
      mfaProtectedActions: guardrails.mfaProtectedActions,
      targetIds: guardrails.targetIds,
      rootId: this.organization?.roots.get(0).id,
      dependsOn: this.organization ? [this.organization] : undefined,
    });
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
