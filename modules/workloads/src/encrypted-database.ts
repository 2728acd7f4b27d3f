import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  DATA_CLASS_TAG,
  DataClass,
  IKmsKey,
  IRoleGrantee,
  ISecurityGroupTiers,
  ITieredNetwork,
  RampartValidationError,
  assertValid,
  isUnresolved,
  reportOptOut,
  validateIntegerRange,
  validateOneOf,
  renderPolicy,
  StackContext,
  DatabaseEngine,
  DATABASE_ENGINES,
  MAX_DB_STORAGE_GIB,
  defaultMaxAllocatedStorageGiB,
} from '@rampart/core';
import { RetentionPolicy } from '@rampart/logging';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from './encrypted-log-group';
import { assertKeyPurpose, assertLogsKey } from './key-checks';
export { DATABASE_ENGINES, MAX_DB_STORAGE_GIB, defaultMaxAllocatedStorageGiB } from '@rampart/core';
export type { DatabaseEngine } from '@rampart/core';

/** A database instance other constructs can act on (the snapshot backup role). */
export interface IDatabaseInstance {
  /** DB instance identifier. */
  readonly instanceIdentifier: string;
  /** DB instance ARN (a token at synth). */
  readonly instanceArn: string;
}

/** Properties of an {@link EncryptedDatabase}. */
export interface EncryptedDatabaseProps {
  /** DB instance identifier: lowercase letters, digits, single hyphens, starting with a letter (1-50). Changing it replaces the instance. */
  readonly identifier: string;
  /** @default 'postgres' */
  readonly engine?: DatabaseEngine;
  /** Major (or major.minor) version; minor versions upgrade automatically. @default - '16' for postgres, '8.0' for mysql */
  readonly engineVersion?: string;
  /** @default 'db.t4g.medium' */
  readonly instanceClass?: string;
  /** Initial storage (GiB, 20-65535). @default 20 */
  readonly allocatedStorageGiB?: number;
  /**
   * Storage autoscaling ceiling (GiB): greater than `allocatedStorageGiB` (RDS requires it), at most 65536.
   * @default - twice `allocatedStorageGiB`, capped at 65536
   */
  readonly maxAllocatedStorageGiB?: number;
  /** Data class the database holds. */
  readonly dataClass: DataClass;
  /** Storage key: must be the key of `dataClass` (`KEY_PURPOSE` otherwise). */
  readonly dataKey: IKmsKey;
  /** Key of the master-user secret RDS manages in Secrets Manager: must be the `secrets` key. */
  readonly secretsKey: IKmsKey;
  /** Performance Insights key: must be the key of `dataClass`. @default - `dataKey` */
  readonly performanceInsightsKey?: IKmsKey;
  /** Key for the exported database logs (`logs` or the `dataClass` key). @default - no log export */
  readonly logsKey?: IKmsKey;
  /** The retention table for exported logs (the logging module's RetentionPolicy). @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /** The subnet group uses this network's data subnets. */
  readonly network: ITieredNetwork;
  /** The instance gets the db-tier security group, and only that one (it admits the app tier only). */
  readonly securityGroups: ISecurityGroupTiers;
  /** Production: deletion protection, a final snapshot, multi-AZ, 30-day backups. @default false */
  readonly production?: boolean;
  /** Days of automated backups: 7-35, at least 30 in production (`BACKUP_RETENTION`). @default - 30 in production, 7 otherwise */
  readonly backupRetentionDays?: number;
  /** Multi-AZ. Turning it off in production is reported as `workloads.db-single-az`. @default - `production` */
  readonly multiAz?: boolean;
  /** Deletion protection. Turning it off in production is reported as `workloads.db-deletion-protection-off`. @default - `production` */
  readonly deletionProtection?: boolean;
  /** Must be false or unset: a publicly accessible database is rejected (`DB_PUBLIC`). @default false */
  readonly publiclyAccessible?: boolean;
  /** Must be true or unset: unencrypted storage is rejected (`DB_UNENCRYPTED`). @default true */
  readonly storageEncrypted?: boolean;
  /** Master user name; its password is generated and kept by RDS in Secrets Manager. @default 'dbadmin' */
  readonly masterUsername?: string;
  /** Initial database name. @default - none */
  readonly databaseName?: string;
}

/**
 * An RDS instance that keeps data private and encrypted: data subnets only, not publicly
 * accessible, the db-tier security group, storage and Performance Insights encrypted with the
 * data class's key, the master password managed by RDS in Secrets Manager under the secrets key
 * (no password in Terraform), IAM database authentication, TLS forced by a parameter group,
 * backups of at least 7 days (30 in production), tags copied to snapshots, minor versions
 * upgraded automatically, and in production deletion protection, a final snapshot and multi-AZ.
 */
export class EncryptedDatabase extends Construct implements IDatabaseInstance {
  public readonly instanceIdentifier: string;
  public readonly instanceArn: string;
  public readonly address: string;
  public readonly port: number;
  /** DBI resource id, used in IAM database-authentication ARNs. */
  public readonly resourceId: string;
  /** ARN of the Secrets Manager secret RDS keeps the master password in. */
  public readonly masterUserSecretArn: string;
  public readonly dataClass: DataClass;
  public readonly engine: DatabaseEngine;
  /** Escape hatches: the provider resources. */
  public readonly resource: DbInstance;
  public readonly parameterGroup: DbParameterGroup;
  public readonly subnetGroup: DbSubnetGroup;

  private readonly context: StackContext;
  private readonly identifierName: string;
  /** Connect policies created so far, per database user (numbers the construct ids). */
  private readonly connectGrants = new Map<string, number>();

  constructor(scope: Construct, id: string, props: EncryptedDatabaseProps) {
    super(scope, id);
    const production = props.production ?? false;
    const engine = props.engine ?? 'postgres';
    assertValid(validateOneOf('engine', engine, Object.keys(DATABASE_ENGINES)));
    const spec = DATABASE_ENGINES[engine];
    const version = props.engineVersion ?? spec.defaultVersion;
    const instanceClass = props.instanceClass ?? 'db.t4g.medium';
    const allocated = props.allocatedStorageGiB ?? 20;
    const maxAllocated = props.maxAllocatedStorageGiB ?? (isUnresolved(allocated) ? MAX_DB_STORAGE_GIB : defaultMaxAllocatedStorageGiB(allocated));
    const minBackup = production ? 30 : 7;
    const backupDays = props.backupRetentionDays ?? minBackup;
    const multiAz = props.multiAz ?? production;
    const deletionProtection = props.deletionProtection ?? production;
    const username = props.masterUsername ?? 'dbadmin';

    if (props.publiclyAccessible === true) {
      throw new RampartValidationError({ code: 'DB_PUBLIC', path: 'publiclyAccessible', value: true, rule: 'databases are never publicly accessible; they live in the data subnets' });
    }
    if (props.storageEncrypted === false) {
      throw new RampartValidationError({ code: 'DB_UNENCRYPTED', path: 'storageEncrypted', value: false, rule: 'database storage must be encrypted with the data class key' });
    }
    if (typeof props.identifier !== 'string' || (!isUnresolved(props.identifier) && (!/^[a-z](?:[a-z0-9-]{0,48}[a-z0-9])?$/.test(props.identifier) || props.identifier.includes('--')))) {
      throw new RampartValidationError({
        code: 'NAME_FORMAT',
        path: 'identifier',
        value: props.identifier,
        rule: 'must be 1-50 lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
      });
    }
    if (!spec.versionPattern.test(version)) {
      throw new RampartValidationError({ code: 'ENGINE_VERSION', path: 'engineVersion', value: version, rule: `must be a supported ${engine} version (e.g. ${spec.defaultVersion})` });
    }
    if (!/^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(instanceClass)) {
      throw new RampartValidationError({ code: 'INSTANCE_CLASS', path: 'instanceClass', value: instanceClass, rule: 'must be an RDS instance class such as db.t4g.medium' });
    }
    assertValid(validateIntegerRange('allocatedStorageGiB', allocated, 20, MAX_DB_STORAGE_GIB - 1));
    assertValid(validateIntegerRange('maxAllocatedStorageGiB', maxAllocated, 21, MAX_DB_STORAGE_GIB));
    if (!isUnresolved(allocated) && !isUnresolved(maxAllocated) && maxAllocated <= allocated) {
      throw new RampartValidationError({
        code: 'STORAGE_CEILING',
        path: 'maxAllocatedStorageGiB',
        value: maxAllocated,
        rule: `must be greater than allocatedStorageGiB (${allocated}): RDS rejects a storage-autoscaling ceiling that is not above the allocated storage`,
      });
    }
    if (!isUnresolved(backupDays) && (typeof backupDays !== 'number' || !Number.isInteger(backupDays) || backupDays < minBackup || backupDays > 35)) {
      throw new RampartValidationError({
        code: 'BACKUP_RETENTION',
        path: 'backupRetentionDays',
        value: backupDays,
        rule: `must be an integer from ${minBackup} to 35 days${production ? ' in production' : ''}`,
      });
    }
    if (!/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(username) || ['rdsadmin', 'rdsrepladmin', 'postgres', 'root', 'mysql'].includes(username.toLowerCase())) {
      throw new RampartValidationError({
        code: 'NAME_FORMAT',
        path: 'masterUsername',
        value: username,
        rule: 'must be 1-16 letters, digits or underscores, start with a letter, and not be a reserved name',
      });
    }
    if (props.databaseName !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(props.databaseName)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'databaseName', value: props.databaseName, rule: 'must be 1-63 letters, digits or underscores starting with a letter' });
    }
    assertKeyPurpose('dataKey', props.dataKey, [props.dataClass]);
    assertKeyPurpose('secretsKey', props.secretsKey, ['secrets']);
    const piKey = props.performanceInsightsKey ?? props.dataKey;
    assertKeyPurpose('performanceInsightsKey', piKey, [props.dataClass]);
    if (props.logsKey) assertLogsKey('logsKey', props.logsKey, props.dataClass);
    const subnets = props.network.subnetIds('data');
    if (!isUnresolved(subnets) && subnets.length < 2) {
      throw new RampartValidationError({ code: 'REQUIRED', path: 'network', value: subnets.length, rule: 'a DB subnet group needs data subnets in at least two availability zones' });
    }

    this.context = StackContext.of(this);
    this.identifierName = props.identifier;
    this.dataClass = props.dataClass;
    this.engine = engine;
    const classTag = { [DATA_CLASS_TAG]: props.dataClass };

    this.subnetGroup = new DbSubnetGroup(this, 'subnets', {
      name: props.identifier,
      description: `Data-tier subnets of ${props.identifier}`,
      subnetIds: subnets,
    });
    this.parameterGroup = new DbParameterGroup(this, 'parameters', {
      name: `${props.identifier}-${spec.family(version).replace('.', '-')}`,
      family: spec.family(version),
      description: `${props.identifier}: TLS required for every connection`,
      parameter: [{ name: spec.tlsParameter.name, value: spec.tlsParameter.value, applyMethod: 'immediate' }],
      lifecycle: { createBeforeDestroy: true },
    });

    const logGroups: CloudwatchLogGroup[] = [];
    if (props.logsKey) {
      // RDS writes exports to /aws/rds/instance/<id>/<log>; creating them first keeps them encrypted and retained.
      for (const log of spec.logExports) {
        logGroups.push(
          new EncryptedLogGroup(this, `log-${log}`, {
            name: `/aws/rds/instance/${props.identifier}/${log}`,
            key: props.logsKey,
            dataClass: props.dataClass,
            retention: props.retention,
            errorPaths: { key: 'logsKey', retentionDays: 'retention' },
          }).resource,
        );
      }
    }

    this.resource = new DbInstance(this, 'instance', {
      identifier: props.identifier,
      engine,
      engineVersion: version,
      instanceClass,
      allocatedStorage: allocated,
      maxAllocatedStorage: maxAllocated,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: props.dataKey.keyArn,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroups.dbSecurityGroupId],
      publiclyAccessible: false,
      port: spec.port,
      username,
      ...(props.databaseName ? { dbName: props.databaseName } : {}),
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.secretsKey.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      parameterGroupName: this.parameterGroup.name,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: piKey.keyArn,
      performanceInsightsRetentionPeriod: 7,
      backupRetentionPeriod: backupDays,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: !production,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      multiAz,
      deletionProtection,
      skipFinalSnapshot: !production,
      ...(production ? { finalSnapshotIdentifier: `${props.identifier}-final` } : {}),
      ...(props.logsKey ? { enabledCloudwatchLogsExports: [...spec.logExports], dependsOn: logGroups } : {}),
      tags: classTag,
    });

    if (production && !multiAz) {
      reportOptOut(this, { id: 'workloads.db-single-az', message: `production database ${props.identifier} runs in a single availability zone` });
    }
    if (production && !deletionProtection) {
      reportOptOut(this, { id: 'workloads.db-deletion-protection-off', message: `production database ${props.identifier} can be deleted without first turning off deletion protection` });
    }

    this.instanceIdentifier = this.resource.identifier;
    this.instanceArn = this.resource.arn;
    this.address = this.resource.address;
    this.port = spec.port;
    this.resourceId = this.resource.resourceId;
    this.masterUserSecretArn = this.resource.masterUserSecret.get(0).secretArn;
  }

  /**
   * Lets a role connect as one database user with IAM authentication (`rds-db:connect` on that
   * user of this instance only). The user must exist in the database with the IAM grant
   * (`GRANT rds_iam` on postgres, `AWSAuthenticationPlugin` on mysql).
   *
   * Each call adds one inline role policy, a child of this construct with id `connect-<dbUser>`;
   * granting the same user to further roles gives `connect-<dbUser>-grant-2`, `-grant-3`, ... in
   * call order, so the Terraform address does not depend on the construct's other children.
   * Earlier releases numbered the id by the construct's child count (`connect-<dbUser>-<children +
   * 1>`); a `moved` block from that address keeps a policy deployed under it (a changed address
   * would replace the inline policy, and a replacement with the same policy name can delete the new
   * grant after writing it). The new ids never take the old form, so no policy is declared at an
   * address another one is moved from.
   */
  public grantConnect(grantee: IRoleGrantee, dbUser: string): void {
    if (!isUnresolved(dbUser) && !/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(dbUser)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'dbUser', value: dbUser, rule: 'must be a database user name: letters, digits, underscores, starting with a letter' });
    }
    const c = this.context;
    const grant = (this.connectGrants.get(dbUser) ?? 0) + 1;
    const id = grant === 1 ? `connect-${dbUser}` : `connect-${dbUser}-grant-${grant}`;
    // Computed before the policy exists: earlier releases counted the children at this point.
    const legacyId = `connect-${dbUser}-${this.node.children.length + 1}`;
    const legacyLogicalId = this.legacyConnectLogicalId(legacyId);
    const policy = new IamRolePolicy(this, id, {
      role: grantee.roleName,
      name: `rds-connect-${this.identifierName}-${dbUser}`,
      policy: renderPolicy([
        {
          Sid: 'ConnectAsOneUser',
          Effect: 'Allow',
          Action: 'rds-db:connect',
          Resource: `arn:${c.partition}:rds-db:${c.region}:${c.accountId}:dbuser:${this.resourceId}/${dbUser}`,
        },
      ]),
    });
    this.connectGrants.set(dbUser, grant);
    if (legacyLogicalId !== undefined && legacyLogicalId !== policy.friendlyUniqueId) {
      policy.moveFromId(`aws_iam_role_policy.${legacyLogicalId}`);
    }
  }

  /**
   * The logical id the stack gives a child `legacyId` of this construct (the id earlier releases
   * gave a connect policy). Undefined when a child already has that id: earlier releases could not
   * have created the policy then.
   */
  private legacyConnectLogicalId(legacyId: string): string | undefined {
    if (this.node.tryFindChild(legacyId) !== undefined) return undefined;
    const probe = new Construct(this, legacyId);
    try {
      return TerraformStack.of(this).getLogicalId(probe.node);
    } finally {
      this.node.tryRemoveChild(legacyId);
    }
  }
}
