/** A key-policy statement that lets one AWS service use a key on behalf of one account. */
export interface ServiceKeyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly Service: string };
  readonly Action: readonly string[];
  readonly Resource: string;
  readonly Condition: Record<string, Record<string, string>>;
}

/**
 * `kms:GenerateDataKey*` and `kms:Decrypt` for a service principal, only when it acts for
 * `accountId` (`aws:SourceAccount`): what a service needs to write into, or publish to, a
 * resource encrypted with the key (S3 access logging, CloudWatch alarms, EventBridge rules...).
 */
export function serviceKeyUseStatement(sid: string, servicePrincipal: string, accountId: string): ServiceKeyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: servicePrincipal },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  };
}
