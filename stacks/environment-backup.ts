import { Construct } from 'constructs';
import { DataClass, NameParts, resourceName } from '@rampart/core';
import { DataClassKeys } from '@rampart/encryption';
import { BackupRetentionPolicy, BackupServiceRole, BackupVault, DataClassBackupPlans, DatabaseRestoreTesting, copyDestinationKeyStatement, parseBackupVaultArn } from '@rampart/recovery';
import { RampartPolicy, todayUtc } from '@rampart/policy';
import { EncryptedDatabase } from '@rampart/workloads';
import { ResolvedBackupConfig } from '../config/backup';

/** Properties of an {@link EnvironmentBackup}. */
export interface EnvironmentBackupProps {
  readonly names: NameParts;
  /** The account and region the stack's resources live in (the emulator's account on the local target). */
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly production: boolean;
  readonly config: ResolvedBackupConfig;
  readonly keys: DataClassKeys;
  /** Data classes that get a plan (the environment's default class and its workload's). */
  readonly dataClasses: readonly DataClass[];
  /** The workload database, restored by the restore test. @default - no restore test */
  readonly database?: EncryptedDatabase;
  /** The database's security group (db tier) for the restored copy. */
  readonly dbSecurityGroupId?: string;
  /**
   * Leave out what the emulator cannot serve: backup selections, restore testing, and the
   * backup role's AWS managed policies (moto knows them only with MOTO_IAM_LOAD_MANAGED_POLICIES=true).
   * @default false
   */
  readonly emulator?: boolean;
}

/**
 * AWS Backup of one environment: the vault under the `backup` key with its lock, the backup
 * service role, one plan per data class the environment uses (retention from the backup
 * retention table), optional copies to another account's or region's vault, and a weekly restore
 * test of the workload database.
 */
export class EnvironmentBackup extends Construct {
  public readonly vault: BackupVault;
  public readonly role: BackupServiceRole;
  public readonly plans: DataClassBackupPlans;
  public readonly restoreTesting?: DatabaseRestoreTesting;

  constructor(scope: Construct, id: string, props: EnvironmentBackupProps) {
    super(scope, id);
    const c = props.config;
    const backupKey = props.keys.key('backup');
    this.vault = new BackupVault(this, 'vault', {
      name: resourceName(props.names, 'backup', 50),
      key: backupKey,
      production: props.production,
      lock: { mode: c.lockMode, minRetentionDays: c.minRetentionDays, maxRetentionDays: c.maxRetentionDays, changeableForDays: c.changeableForDays },
    });
    this.role = new BackupServiceRole(this, 'role', { name: resourceName(props.names, 'backup-service'), accountId: props.accountId, attachManagedPolicies: !props.emulator });
    // The role encrypts recovery points with the backup key, and reads the data keys of what it backs up.
    backupKey.grantEncryptDecrypt(this.role, { viaServices: ['backup'] });
    for (const dataClass of props.dataClasses) {
      if (props.keys.has(dataClass)) props.keys.key(dataClass).grantEncryptDecrypt(this.role, { viaServices: ['backup', 'rds', 'dynamodb', 's3'] });
    }
    this.plans = new DataClassBackupPlans(this, 'plans', {
      names: props.names,
      vault: this.vault,
      role: this.role,
      accountId: props.accountId,
      region: props.region,
      partition: props.partition,
      dataClasses: props.dataClasses,
      retention: new BackupRetentionPolicy(c.retentionDays),
      schedule: c.schedule,
      ...(c.copyToVaultArn ? { copyTo: { vaultArn: c.copyToVaultArn } } : {}),
      createSelections: !props.emulator,
    });
    if (c.copyToVaultArn) {
      // A copy to another account reads the source recovery points: the backup key, and the data
      // keys that RDS snapshots keep, admit that account through AWS Backup.
      const target = parseBackupVaultArn('backup.copyToVaultArn', c.copyToVaultArn);
      if (target.accountId !== props.accountId) {
        const statement = copyDestinationKeyStatement(target.accountId, props.partition);
        backupKey.addToKeyPolicy(statement);
        for (const dataClass of props.dataClasses) {
          if (props.keys.has(dataClass)) props.keys.key(dataClass).addToKeyPolicy(statement);
        }
      }
    }
    if (props.emulator && props.database) {
      // The emulator has no backup-selection API: the database is in no selection there. The
      // suppression covers this synthesis of the emulator target only: it expires today.
      RampartPolicy.suppress(props.database.resource, {
        ruleId: 'backup-stateful-covered',
        reason: 'the local emulator cannot create backup selections (CreateBackupSelection is not implemented)',
        owner: 'rampart local emulator target',
        expires: todayUtc(),
      });
    }
    if (props.database && props.dbSecurityGroupId && !props.emulator) {
      this.restoreTesting = new DatabaseRestoreTesting(this, 'restore-test', {
        name: resourceName(props.names, 'db-restore-test').replace(/-/g, '_'),
        vault: this.vault,
        role: this.role,
        schedule: c.restoreTestSchedule,
        database: { instanceArn: props.database.instanceArn, subnetGroupName: props.database.subnetGroup.name, securityGroupIds: [props.dbSecurityGroupId] },
      });
    }
  }
}
