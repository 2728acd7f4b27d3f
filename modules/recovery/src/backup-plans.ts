import { BackupPlan, BackupPlanRule } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import {
  DATA_CLASSES,
  DATA_CLASS_TAG,
  DataClass,
  IRoleGrantee,
  NameParts,
  RampartValidationError,
  assertValid,
  reportOptOut,
  resourceName,
  validateAccountId,
  validateOneOf,
  parseBackupVaultArn,
} from '@rampart/core';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { BackupRetentionPolicy } from './backup-retention';
import { IBackupVault } from './backup-vault';
import { BACKUP_TAG, BACKUP_TAG_VALUE } from './tags';
export { parseBackupVaultArn } from '@rampart/core';

/** Where copies of the daily recovery points go. */
export interface BackupCopyDestination {
  /** ARN of a backup vault in another account or region: `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`. */
  readonly vaultArn: string;
}

/** Properties of {@link DataClassBackupPlans}. */
export interface DataClassBackupPlansProps {
  readonly names: NameParts;
  /** The vault the plans write to. */
  readonly vault: IBackupVault;
  /** The role AWS Backup assumes ({@link BackupServiceRole}). */
  readonly role: IRoleGrantee;
  /** Account and region whose resources the selections cover. */
  readonly accountId: string;
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: string;
  /**
   * Data classes that get a plan. A stateful resource of a class without a plan is not backed
   * up, and the policy rule `backup-stateful-covered` reports it.
   * @default - every data class
   */
  readonly dataClasses?: readonly DataClass[];
  /** @default BackupRetentionPolicy.DEFAULT */
  readonly retention?: BackupRetentionPolicy;
  /** Schedule of the daily recovery point (AWS Backup cron, UTC). @default 'cron(0 3 * * ? *)' */
  readonly schedule?: string;
  /**
   * Opt-out: no continuous (point-in-time) backup for RDS and S3, daily recovery points only.
   * Reported as `recovery.continuous-backup-off`.
   * @default false
   */
  readonly disableContinuousBackup?: boolean;
  /** Copy every daily recovery point to a vault in another account or region. @default - no copy */
  readonly copyTo?: BackupCopyDestination;
  /**
   * Create the tag-based selections. Only an emulator without the selection API needs false;
   * a warning `recovery.no-selections` says that the plans then back up nothing.
   * @default true
   */
  readonly createSelections?: boolean;
}

/** One plan and its selections. */
export interface DataClassPlan {
  readonly dataClass: DataClass;
  readonly plan: BackupPlan;
  readonly selections: readonly BackupSelection[];
  /** Days its daily recovery points are kept. */
  readonly retentionDays: number;
}

/**
 * One AWS Backup plan per data class, with the retention of that class from the
 * {@link BackupRetentionPolicy} table, each selecting by tag:
 * - RDS instances, Aurora clusters and DynamoDB tables of this account and region whose
 *   `DataClassification` tag is the class;
 * - S3 buckets with that class that also carry `Backup` = `true` (S3 backup needs versioning).
 *
 * Each plan has a continuous rule (point-in-time recovery for RDS and S3, kept
 * min(class days, 35); resources without continuous support get a snapshot instead) and a daily
 * rule kept for the class's days, which is copied to `copyTo` when given. Every retention must
 * fit the vault lock's bounds (error `RETENTION_OUTSIDE_LOCK`).
 */
export class DataClassBackupPlans extends Construct {
  public readonly plans: readonly DataClassPlan[];

  constructor(scope: Construct, id: string, props: DataClassBackupPlansProps) {
    super(scope, id);
    const retention = props.retention ?? BackupRetentionPolicy.DEFAULT;
    const classes = [...new Set(props.dataClasses ?? DATA_CLASSES)];
    const schedule = props.schedule ?? 'cron(0 3 * * ? *)';
    const partition = props.partition ?? 'aws';
    const continuous = !props.disableContinuousBackup;
    classes.forEach((c, i) => assertValid(validateOneOf(`dataClasses[${i}]`, c, DATA_CLASSES)));
    assertValid(validateAccountId('accountId', props.accountId));
    if (classes.length === 0) throw new RampartValidationError({ code: 'REQUIRED', path: 'dataClasses', value: [], rule: 'must name at least one data class' });
    if (!/^cron\(.+\)$/.test(schedule)) {
      throw new RampartValidationError({ code: 'SCHEDULE_FORMAT', path: 'schedule', value: schedule, rule: 'must be an AWS Backup cron(...) expression' });
    }
    const copy = props.copyTo ? parseBackupVaultArn('copyTo.vaultArn', props.copyTo.vaultArn) : undefined;
    if (copy && copy.accountId === props.accountId && copy.region === props.region) {
      throw new RampartValidationError({ code: 'COPY_TARGET', path: 'copyTo.vaultArn', value: props.copyTo!.vaultArn, rule: 'must be a vault in another account or another region than the source' });
    }
    const bounds = props.vault.retentionBounds;
    for (const c of classes) {
      for (const [kind, days] of [['daily', retention.retentionDays(c)], ...(continuous ? [['continuous', retention.continuousDays(c)]] : [])] as Array<[string, number]>) {
        if (bounds && (days < bounds.minDays || days > bounds.maxDays)) {
          throw new RampartValidationError({
            code: 'RETENTION_OUTSIDE_LOCK',
            path: `retention.${c}`,
            value: days,
            rule: `the ${kind} recovery points of ${c} data must be kept within the vault lock's ${bounds.minDays}-${bounds.maxDays} days, or AWS Backup refuses them`,
          });
        }
      }
    }
    if (!continuous) reportOptOut(this, { id: 'recovery.continuous-backup-off', message: 'backup plans take daily recovery points only: no point-in-time restore for RDS and S3' });
    const createSelections = props.createSelections ?? true;
    if (!createSelections) Annotations.of(this).addWarning('[recovery.no-selections] the backup plans have no selections: they back up nothing');

    const arnBase = (service: string) => `arn:${partition}:${service}:${props.region}:${props.accountId}`;
    this.plans = classes.map((dataClass) => {
      const name = resourceName(props.names, `backup-${dataClass}`, 50);
      const days = retention.retentionDays(dataClass);
      const rules: BackupPlanRule[] = [
        ...(continuous
          ? [
              {
                ruleName: 'continuous',
                targetVaultName: props.vault.vaultName,
                schedule,
                enableContinuousBackup: true,
                startWindow: 60,
                completionWindow: 360,
                lifecycle: { deleteAfter: retention.continuousDays(dataClass) },
                recoveryPointTags: { [DATA_CLASS_TAG]: dataClass },
              },
            ]
          : []),
        {
          ruleName: 'daily',
          targetVaultName: props.vault.vaultName,
          schedule,
          startWindow: 60,
          completionWindow: 360,
          lifecycle: { deleteAfter: days },
          recoveryPointTags: { [DATA_CLASS_TAG]: dataClass },
          ...(props.copyTo ? { copyAction: [{ destinationVaultArn: props.copyTo.vaultArn, lifecycle: { deleteAfter: days } }] } : {}),
        },
      ];
      const plan = new BackupPlan(this, `plan-${dataClass}`, { name, rule: rules });
      const classCondition = { key: `aws:ResourceTag/${DATA_CLASS_TAG}`, value: dataClass };
      const selections = createSelections
        ? [
            new BackupSelection(this, `select-${dataClass}-databases`, {
              name: `${name}-databases`.slice(0, 50),
              planId: plan.id,
              iamRoleArn: props.role.roleArn,
              resources: [`${arnBase('rds')}:db:*`, `${arnBase('rds')}:cluster:*`, `${arnBase('dynamodb')}:table/*`],
              condition: [{ stringEquals: [classCondition] }],
            }),
            new BackupSelection(this, `select-${dataClass}-buckets`, {
              name: `${name}-buckets`.slice(0, 50),
              planId: plan.id,
              iamRoleArn: props.role.roleArn,
              resources: [`arn:${partition}:s3:::*`],
              condition: [{ stringEquals: [classCondition, { key: `aws:ResourceTag/${BACKUP_TAG}`, value: BACKUP_TAG_VALUE }] }],
            }),
          ]
        : [];
      return { dataClass, plan, selections, retentionDays: days };
    });
  }
}
