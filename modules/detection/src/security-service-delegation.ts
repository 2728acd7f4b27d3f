import { GuarddutyOrganizationAdminAccount } from '@cdktf/provider-aws/lib/guardduty-organization-admin-account';
import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubOrganizationAdminAccount } from '@cdktf/provider-aws/lib/securityhub-organization-admin-account';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { assertValid, validateAccountId } from '@rampart/core';

/**
 * Service principals the organisation must trust (`aws_service_access_principals`) for the
 * detective services to work organisation-wide: GuardDuty (and its malware protection),
 * Security Hub, AWS Config (recorders and organisation rules), IAM Access Analyzer.
 */
export const SECURITY_SERVICE_PRINCIPALS: readonly string[] = [
  'guardduty.amazonaws.com',
  'malware-protection.guardduty.amazonaws.com',
  'securityhub.amazonaws.com',
  'config.amazonaws.com',
  'config-multiaccountsetup.amazonaws.com',
  'access-analyzer.amazonaws.com',
];

/** Services registered through `aws_organizations_delegated_administrator` (the others have their own resources). */
export const DELEGATED_SERVICE_PRINCIPALS: readonly string[] = ['config.amazonaws.com', 'access-analyzer.amazonaws.com'];

/** Properties of {@link SecurityServiceDelegation}. */
export interface SecurityServiceDelegationProps {
  /** The security (audit) account that administers GuardDuty, Security Hub, Config aggregation and Access Analyzer. */
  readonly adminAccountId: string;
  /** Resources to wait for: the organisation with the service principals trusted. @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * In the organisation's management account: makes the security account the delegated
 * administrator of GuardDuty, Security Hub (which needs Security Hub on in the management
 * account first), AWS Config and IAM Access Analyzer.
 */
export class SecurityServiceDelegation extends Construct {
  public readonly guardDuty: GuarddutyOrganizationAdminAccount;
  public readonly securityHubAccount: SecurityhubAccount;
  public readonly securityHub: SecurityhubOrganizationAdminAccount;
  /** Registrations by service principal. */
  public readonly delegatedAdministrators: Readonly<Record<string, OrganizationsDelegatedAdministrator>>;

  constructor(scope: Construct, id: string, props: SecurityServiceDelegationProps) {
    super(scope, id);
    assertValid(validateAccountId('adminAccountId', props.adminAccountId));
    this.guardDuty = new GuarddutyOrganizationAdminAccount(this, 'guardduty', { adminAccountId: props.adminAccountId, dependsOn: props.dependsOn });
    this.securityHubAccount = new SecurityhubAccount(this, 'securityhub-account', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
      dependsOn: props.dependsOn,
    });
    this.securityHub = new SecurityhubOrganizationAdminAccount(this, 'securityhub', { adminAccountId: props.adminAccountId, dependsOn: [this.securityHubAccount, ...(props.dependsOn ?? [])] });
    const delegated: Record<string, OrganizationsDelegatedAdministrator> = {};
    for (const principal of DELEGATED_SERVICE_PRINCIPALS) {
      delegated[principal] = new OrganizationsDelegatedAdministrator(this, principal.split('.')[0], {
        accountId: props.adminAccountId,
        servicePrincipal: principal,
        dependsOn: props.dependsOn,
      });
    }
    this.delegatedAdministrators = delegated;
  }
}
