/** A key-policy statement admitting an AWS service (or accounts) to the log-archive key. */
export interface LogArchiveKeyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly Service?: string; readonly AWS?: readonly string[] };
  readonly Action: string | readonly string[];
  readonly Resource: string;
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

/**
 * Lets the organisation trail of the management account encrypt its log files with the
 * log-archive key (`aws:SourceArn` is the trail; the encryption context names a trail of the
 * management account).
 */
export function organizationTrailKeyStatements(partition: string, trailArn: string, managementAccountId: string): LogArchiveKeyStatement[] {
  return [
    {
      Sid: 'OrganizationTrailEncrypt',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceArn': trailArn },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${managementAccountId}:trail/*` },
      },
    },
    {
      Sid: 'OrganizationTrailDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
    },
  ];
}

/** Lets AWS Config of every account of the organisation (`aws:SourceOrgID`) encrypt what it delivers. */
export function configDeliveryKeyStatement(organizationId: string): LogArchiveKeyStatement {
  return {
    Sid: 'ConfigDeliveryFromOrganization',
    Effect: 'Allow',
    Principal: { Service: 'config.amazonaws.com' },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceOrgID': organizationId } },
  };
}

/** Lets GuardDuty of the security account (the administrator exports every member's findings) encrypt exported findings. */
export function guardDutyExportKeyStatement(securityAccountId: string): LogArchiveKeyStatement {
  return {
    Sid: 'GuardDutyFindingsExport',
    Effect: 'Allow',
    Principal: { Service: 'guardduty.amazonaws.com' },
    Action: 'kms:GenerateDataKey',
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': securityAccountId } },
  };
}

/**
 * Lets the listed accounts look the key up (`kms:DescribeKey`, e.g. through its alias ARN), so
 * that their stacks can name it by ARN. Grants no use of the key.
 */
export function describeKeyStatement(partition: string, accountIds: readonly string[]): LogArchiveKeyStatement {
  return {
    Sid: 'OrganizationAccountsDescribeKey',
    Effect: 'Allow',
    Principal: { AWS: [...new Set(accountIds)].map((a) => `arn:${partition}:iam::${a}:root`) },
    Action: 'kms:DescribeKey',
    Resource: '*',
  };
}
