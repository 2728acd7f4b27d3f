/**
 * The CIS AWS Foundations Benchmark section-4 ("Monitoring") metric filters, with the
 * AWS Security Hub controls that check them (CloudWatch.1 to CloudWatch.14). The patterns are
 * the exact ones those controls look for: Security Hub fails a control when a filter adds or
 * drops a term, so they must not be reformatted.
 */
export interface CisMetricFilter {
  /** Stable id, used in resource names and in `exclude`. */
  readonly id: CisFilterId;
  /** CIS AWS Foundations Benchmark recommendation (v1.4 numbering and later). */
  readonly cis: string;
  /** AWS Security Hub control, where one exists. */
  readonly securityHubControl?: string;
  /** What the alarm means. */
  readonly description: string;
  /** CloudWatch Logs filter pattern over CloudTrail records. */
  readonly pattern: string;
}

export type CisFilterId =
  | 'unauthorized-api-calls'
  | 'console-signin-without-mfa'
  | 'root-usage'
  | 'iam-policy-changes'
  | 'cloudtrail-changes'
  | 'console-auth-failures'
  | 'cmk-disable-or-deletion'
  | 's3-bucket-policy-changes'
  | 'config-changes'
  | 'security-group-changes'
  | 'nacl-changes'
  | 'network-gateway-changes'
  | 'route-table-changes'
  | 'vpc-changes'
  | 'organizations-changes';

export const CIS_METRIC_FILTERS: readonly CisMetricFilter[] = [
  {
    id: 'unauthorized-api-calls',
    cis: '4.1',
    securityHubControl: 'CloudWatch.2',
    description: 'API calls refused as unauthorized or access denied',
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  },
  {
    id: 'console-signin-without-mfa',
    cis: '4.2',
    securityHubControl: 'CloudWatch.3',
    description: 'successful console sign-in by an IAM user without MFA',
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: 'root-usage',
    cis: '4.3',
    securityHubControl: 'CloudWatch.1',
    description: 'the root user was used',
    pattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  },
  {
    id: 'iam-policy-changes',
    cis: '4.4',
    securityHubControl: 'CloudWatch.4',
    description: 'an IAM policy was created, changed, attached or detached',
    pattern:
      '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  },
  {
    id: 'cloudtrail-changes',
    cis: '4.5',
    securityHubControl: 'CloudWatch.5',
    description: 'a CloudTrail trail was created, changed, deleted, started or stopped',
    pattern: '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  },
  {
    id: 'console-auth-failures',
    cis: '4.6',
    securityHubControl: 'CloudWatch.6',
    description: 'a console sign-in failed authentication',
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  },
  {
    id: 'cmk-disable-or-deletion',
    cis: '4.7',
    securityHubControl: 'CloudWatch.7',
    description: 'a customer-managed KMS key was disabled or scheduled for deletion',
    pattern: '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  },
  {
    id: 's3-bucket-policy-changes',
    cis: '4.8',
    securityHubControl: 'CloudWatch.8',
    description: 'an S3 bucket policy, ACL, CORS, lifecycle or replication configuration changed',
    pattern:
      '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  },
  {
    id: 'config-changes',
    cis: '4.9',
    securityHubControl: 'CloudWatch.9',
    description: 'the AWS Config recorder or delivery channel was stopped or changed',
    pattern:
      '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  },
  {
    id: 'security-group-changes',
    cis: '4.10',
    securityHubControl: 'CloudWatch.10',
    description: 'a security group or one of its rules changed',
    pattern:
      '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  },
  {
    id: 'nacl-changes',
    cis: '4.11',
    securityHubControl: 'CloudWatch.11',
    description: 'a network ACL or one of its entries changed',
    pattern:
      '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  },
  {
    id: 'network-gateway-changes',
    cis: '4.12',
    securityHubControl: 'CloudWatch.12',
    description: 'an internet or customer gateway was created, attached, detached or deleted',
    pattern:
      '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  },
  {
    id: 'route-table-changes',
    cis: '4.13',
    securityHubControl: 'CloudWatch.13',
    description: 'a route table or route changed',
    pattern:
      '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  },
  {
    id: 'vpc-changes',
    cis: '4.14',
    securityHubControl: 'CloudWatch.14',
    description: 'a VPC or VPC peering connection changed',
    pattern:
      '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  },
  {
    id: 'organizations-changes',
    cis: '4.15',
    description: 'the AWS Organizations structure, accounts or policies changed',
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  },
];
