import { BackupRestoreTestingPlan } from '@cdktf/provider-aws/lib/backup-restore-testing-plan';
import { BackupRestoreTestingSelection } from '@cdktf/provider-aws/lib/backup-restore-testing-selection';
import { IRoleGrantee, RampartValidationError, validateIntegerRange, assertAllValid } from '@rampart/core';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { IBackupVault } from './backup-vault';

/** The database a restore test restores, and where the restored copy may run. */
export interface RestoreTestDatabase {
  /** ARN of the RDS instance whose latest recovery point is restored. */
  readonly instanceArn: string;
  /** DB subnet group the restored instance is placed in (the data tier). */
  readonly subnetGroupName: string;
  /** Security groups of the restored instance (the db tier group). */
  readonly securityGroupIds: readonly string[];
}

/** Properties of a {@link DatabaseRestoreTesting}. */
export interface DatabaseRestoreTestingProps {
  /** Plan name: letters, digits and underscores, starting with a letter (1-50). */
  readonly name: string;
  readonly vault: IBackupVault;
  /** The role AWS Backup restores with (it needs the restore policies). */
  readonly role: IRoleGrantee;
  readonly database: RestoreTestDatabase;
  /** When the test runs (AWS Backup cron, UTC). @default 'cron(0 5 ? * SUN *)' (Sundays 05:00) */
  readonly schedule?: string;
  /** Only recovery points from the last this many days qualify (1-365). @default 7 */
  readonly selectionWindowDays?: number;
  /** Hours the restored instance is kept for validation before AWS Backup deletes it (0-168). @default 2 */
  readonly validationWindowHours?: number;
}

/**
 * An AWS Backup restore-testing plan that, on a schedule, restores the latest recovery point
 * (continuous or snapshot) of one database from the vault into the data tier, keeps it for the
 * validation window and deletes it. "Recovery tested" becomes a job with a result in AWS Backup
 * (and an EventBridge event per test) instead of a hope.
 */
export class DatabaseRestoreTesting extends Construct {
  public readonly plan: BackupRestoreTestingPlan;
  public readonly selection: BackupRestoreTestingSelection;

  constructor(scope: Construct, id: string, props: DatabaseRestoreTestingProps) {
    super(scope, id);
    const schedule = props.schedule ?? 'cron(0 5 ? * SUN *)';
    const windowDays = props.selectionWindowDays ?? 7;
    const validationHours = props.validationWindowHours ?? 2;
    if (typeof props.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(props.name)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be 1-50 letters, digits or underscores, starting with a letter' });
    }
    if (!/^cron\(.+\)$/.test(schedule)) {
      throw new RampartValidationError({ code: 'SCHEDULE_FORMAT', path: 'schedule', value: schedule, rule: 'must be an AWS Backup cron(...) expression' });
    }
    assertAllValid([validateIntegerRange('selectionWindowDays', windowDays, 1, 365), validateIntegerRange('validationWindowHours', validationHours, 0, 168)]);
    this.plan = new BackupRestoreTestingPlan(this, 'plan', {
      name: props.name,
      scheduleExpression: schedule,
      startWindowHours: 24,
      recoveryPointSelection: [
        {
          algorithm: 'LATEST_WITHIN_WINDOW',
          includeVaults: [props.vault.vaultArn],
          recoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
          selectionWindowDays: windowDays,
        },
      ],
    });
    this.selection = new BackupRestoreTestingSelection(this, 'database', {
      name: `${props.name.slice(0, 40)}_database`,
      restoreTestingPlanName: this.plan.name,
      protectedResourceType: 'RDS',
      iamRoleArn: props.role.roleArn,
      protectedResourceArns: [props.database.instanceArn],
      validationWindowHours: validationHours,
      restoreMetadataOverrides: {
        dbsubnetgroupname: props.database.subnetGroupName,
        vpcsecuritygroupids: Fn.jsonencode([...props.database.securityGroupIds]),
      },
    });
  }
}
