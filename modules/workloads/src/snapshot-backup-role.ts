import * as fs from 'fs';
import * as path from 'path';
import { AssetType, TerraformAsset } from 'cdktf';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import {
  DataClass,
  IKmsKey,
  IRoleGrantee,
  RampartValidationError,
  isUnresolved,
  validateIntegerRange,
  validateS3BucketName,
  assertValid,
  renderPolicy,
  serviceTrustPolicy,
  StackContext,
} from '@rampart/core';
import { RetentionPolicy } from '@rampart/logging';
import { Construct } from 'constructs';
import { IDatabaseInstance } from './encrypted-database';
import { EncryptedLogGroup } from './encrypted-log-group';
import { assertLogsKey } from './key-checks';
import { resolveLogRetention } from './log-retention';

/** Code of the snapshot function: a local zip file or directory (packaged as an asset), or an object in S3. */
export type SnapshotFunctionCode = { readonly path: string } | { readonly s3Bucket: string; readonly s3Key: string; readonly s3ObjectVersion?: string };

/** Properties of a {@link SnapshotBackupRole}. */
export interface SnapshotBackupRoleProps {
  /** Name of the role, the function and (`/aws/lambda/<name>`) its log group: letters, digits, hyphens, underscores (1-56). */
  readonly name: string;
  /** The database to snapshot. */
  readonly database: IDatabaseInstance;
  /** Key for the function's log group: the `logs` key or the key of `logDataClass`. */
  readonly logsKey: IKmsKey;
  /** Data class of the function's logs (they hold snapshot names, not data). @default 'internal' */
  readonly logDataClass?: DataClass;
  /** Log retention (days), not below the retention policy's value for the class. @default - the policy's value */
  readonly logRetentionDays?: number;
  /** The retention table (the logging module's RetentionPolicy). @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /** Function code. When given, the scheduled function is created too. @default - the role and log group only */
  readonly code?: SnapshotFunctionCode;
  /** @default 'index.handler' */
  readonly handler?: string;
  /** @default 'python3.12' */
  readonly runtime?: string;
  /** EventBridge schedule expression. @default 'cron(0 3 * * ? *)' (03:00 UTC daily) */
  readonly schedule?: string;
  /**
   * Reserved concurrency of the function (1-1000). Unset by default: reserving any amount needs
   * the account's unreserved concurrency to stay at 100 or more, and new accounts start with a
   * quota of 10, where any reservation fails. One daily invocation does not need it.
   * @default - none (the function shares the account's unreserved concurrency)
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * The role of a function that takes manual snapshots of one database. On RDS it may call
 * `rds:CreateDBSnapshot` and `rds:DescribeDBInstances` on that instance and on snapshots named
 * after it, plus `rds:AddTagsToResource` on those snapshots only: the instance copies its tags
 * to snapshots (`copy_tags_to_snapshot`), and CreateDBSnapshot then tags the new snapshot with
 * the caller's permissions. It writes to its own encrypted log group and nothing else: it cannot
 * delete snapshots, so the manual snapshots it takes are never pruned by it. Given code, the
 * function itself is created and run on an EventBridge schedule.
 */
export class SnapshotBackupRole extends Construct {
  public readonly role: IRoleGrantee;
  public readonly logGroup: EncryptedLogGroup;
  /** Snapshots the role may create: `<instance identifier>-*`. */
  public readonly snapshotArnPattern: string;
  /** The function, when code was given. */
  public readonly function?: LambdaFunction;
  public readonly scheduleRule?: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: SnapshotBackupRoleProps) {
    super(scope, id);
    const handler = props.handler ?? 'index.handler';
    const runtime = props.runtime ?? 'python3.12';
    const schedule = props.schedule ?? 'cron(0 3 * * ? *)';
    const logDataClass = props.logDataClass ?? 'internal';

    if (typeof props.name !== 'string' || (!isUnresolved(props.name) && !/^[A-Za-z0-9_-]{1,56}$/.test(props.name))) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be 1-56 letters, digits, hyphens or underscores' });
    }
    if (!/^(cron|rate)\(.+\)$/.test(schedule)) {
      throw new RampartValidationError({ code: 'SCHEDULE_FORMAT', path: 'schedule', value: schedule, rule: 'must be an EventBridge schedule expression: cron(...) or rate(...)' });
    }
    if (props.reservedConcurrentExecutions !== undefined) {
      assertValid(validateIntegerRange('reservedConcurrentExecutions', props.reservedConcurrentExecutions, 1, 1000));
    }
    if (!/^[A-Za-z0-9_.-]+\.[A-Za-z0-9_]+$/.test(handler)) {
      throw new RampartValidationError({ code: 'HANDLER_FORMAT', path: 'handler', value: handler, rule: 'must be <module>.<function>' });
    }
    let asset: TerraformAsset | undefined;
    const code = props.code;
    if (code && 'path' in code) {
      const full = path.resolve(code.path);
      if (!fs.existsSync(full)) {
        throw new RampartValidationError({ code: 'REQUIRED', path: 'code.path', value: code.path, rule: 'must be an existing .zip file or directory' });
      }
      const isDir = fs.statSync(full).isDirectory();
      if (!isDir && !full.endsWith('.zip')) {
        throw new RampartValidationError({ code: 'CODE_FORMAT', path: 'code.path', value: code.path, rule: 'must be a .zip file or a directory to package' });
      }
      asset = new TerraformAsset(this, 'code', { path: full, type: isDir ? AssetType.ARCHIVE : AssetType.FILE });
    } else if (code) {
      assertValid(validateS3BucketName('code.s3Bucket', code.s3Bucket));
      if (typeof code.s3Key !== 'string' || code.s3Key.length === 0) {
        throw new RampartValidationError({ code: 'REQUIRED', path: 'code.s3Key', value: code.s3Key, rule: 'must be the key of the code object' });
      }
    }

    // Every input is checked before anything is created (the log group re-checks the same values).
    assertLogsKey('logsKey', props.logsKey, logDataClass);
    resolveLogRetention('logRetentionDays', logDataClass, props.logRetentionDays, props.retention);

    const context = StackContext.of(this);
    this.logGroup = new EncryptedLogGroup(this, 'logs', {
      name: `/aws/lambda/${props.name}`,
      key: props.logsKey,
      dataClass: logDataClass,
      retentionDays: props.logRetentionDays,
      retention: props.retention,
      errorPaths: { key: 'logsKey', retentionDays: 'logRetentionDays' },
    });
    const role = new IamRole(this, 'role', {
      name: props.name,
      description: `Takes manual snapshots of one RDS instance (${props.name})`,
      assumeRolePolicy: renderPolicy(serviceTrustPolicy('lambda.amazonaws.com')),
      maxSessionDuration: 3600,
    });
    this.role = { roleName: role.name, roleArn: role.arn };
    const instance = props.database.instanceArn;
    this.snapshotArnPattern = `arn:${context.partition}:rds:${context.region}:${context.accountId}:snapshot:${props.database.instanceIdentifier}-*`;
    new IamRolePolicy(this, 'policy', {
      role: role.name,
      name: 'snapshot-one-instance',
      policy: renderPolicy([
        { Sid: 'DescribeTheInstance', Effect: 'Allow', Action: 'rds:DescribeDBInstances', Resource: instance },
        { Sid: 'SnapshotTheInstance', Effect: 'Allow', Action: 'rds:CreateDBSnapshot', Resource: [instance, this.snapshotArnPattern] },
        // copy_tags_to_snapshot: CreateDBSnapshot tags the new snapshot as the caller. Snapshots
        // named after the instance only; the copied keys are the instance's (not known at synth),
        // so no tag-key condition applies.
        { Sid: 'TagOwnSnapshots', Effect: 'Allow', Action: 'rds:AddTagsToResource', Resource: this.snapshotArnPattern },
        { Sid: 'WriteOwnLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${this.logGroup.logGroupArn}:log-stream:*` },
      ]),
    });

    if (!code) return;
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.name,
      description: `Daily manual snapshot of ${props.database.instanceIdentifier}`,
      role: role.arn,
      handler,
      runtime,
      timeout: 60,
      memorySize: 128,
      ...(props.reservedConcurrentExecutions !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
      ...(asset ? { filename: asset.path, sourceCodeHash: asset.assetHash } : {}),
      ...('s3Bucket' in code ? { s3Bucket: code.s3Bucket, s3Key: code.s3Key, ...(code.s3ObjectVersion ? { s3ObjectVersion: code.s3ObjectVersion } : {}) } : {}),
      environment: { variables: { DB_INSTANCE_IDENTIFIER: props.database.instanceIdentifier } },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.logGroupName },
      dependsOn: [this.logGroup.resource],
    });
    this.scheduleRule = new CloudwatchEventRule(this, 'schedule', {
      name: props.name,
      description: `Runs ${props.name}`,
      scheduleExpression: schedule,
    });
    new CloudwatchEventTarget(this, 'target', { rule: this.scheduleRule.name, arn: this.function.arn });
    new LambdaPermission(this, 'invoke', {
      statementId: 'AllowScheduleInvoke',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: this.scheduleRule.arn,
    });
  }
}
