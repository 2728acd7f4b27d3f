import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IRoleGrantee, RampartValidationError, renderPolicy, serviceTrustPolicy } from '@rampart/core';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';

/**
 * The AWS managed policies the backup service role holds: backups and restores of the services
 * AWS Backup supports, and the separate pair S3 needs. Paths as AWS publishes them.
 */
export const BACKUP_SERVICE_MANAGED_POLICIES: readonly string[] = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

/** Properties of a {@link BackupServiceRole}. */
export interface BackupServiceRoleProps {
  /** Role name: letters, digits and `+=,.@_-`, 1-64 characters. */
  readonly name: string;
  /** Account whose backup jobs may assume the role (`aws:SourceAccount`). */
  readonly accountId: string;
  /**
   * Attach the AWS managed policies. Only an emulator that does not know them needs false; a
   * warning `recovery.backup-role-without-policies` says the role then can do nothing.
   * @default true
   */
  readonly attachManagedPolicies?: boolean;
}

/**
 * The role AWS Backup assumes to take, copy and restore recovery points (plans, selections and
 * restore tests name it). It holds AWS's managed backup and restore policies and nothing else,
 * only AWS Backup acting for this account may assume it, and like every role in a Rampart stack
 * it carries the account's permission boundary (applied by the stack's aspect). Keys it must use
 * (the backup key, the data keys of the resources it backs up) are granted to it by the stack.
 */
export class BackupServiceRole extends Construct implements IRoleGrantee {
  public readonly roleName: string;
  public readonly roleArn: string;
  /** Escape hatch: the `aws_iam_role`. */
  public readonly resource: IamRole;

  constructor(scope: Construct, id: string, props: BackupServiceRoleProps) {
    super(scope, id);
    if (typeof props.name !== 'string' || !/^[\w+=,.@-]{1,64}$/.test(props.name)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be 1-64 letters, digits or +=,.@_-' });
    }
    const partition = new DataAwsPartition(this, 'partition');
    this.resource = new IamRole(this, 'role', {
      name: props.name,
      description: 'AWS Backup: takes, copies and restores recovery points of this account',
      maxSessionDuration: 3600,
      assumeRolePolicy: renderPolicy(serviceTrustPolicy('backup.amazonaws.com', { StringEquals: { 'aws:SourceAccount': props.accountId } })),
    });
    if (props.attachManagedPolicies === false) {
      Annotations.of(this).addWarning(`[recovery.backup-role-without-policies] backup service role ${props.name} holds no AWS managed backup policies: it can neither back up nor restore`);
    }
    if (props.attachManagedPolicies !== false)
      BACKUP_SERVICE_MANAGED_POLICIES.forEach((policy, i) => {
        new IamRolePolicyAttachment(this, `managed-${i}`, { role: this.resource.name, policyArn: `arn:${partition.partition}:iam::aws:policy/${policy}` });
      });
    this.roleName = this.resource.name;
    this.roleArn = this.resource.arn;
  }
}
