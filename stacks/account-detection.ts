import { DataAwsKmsKey } from '@cdktf/provider-aws/lib/data-aws-kms-key';
import { Construct } from 'constructs';
import { IKmsKey, NameParts, kmsAliasName, reportOptOut, s3BucketName } from '@rampart/core';
import { ACCOUNT_SECURITY_EVENTS, AccountHardening, ConfigRecorder, ConfigRules, SecurityContact, SecurityEvent, SecurityEventRules } from '@rampart/detection';
import { AlertTopic } from '@rampart/monitoring';

/** Where an account's stack finds the log-archive account's buckets and key, by naming convention. */
export interface LogArchiveNames {
  /** The organisation trail's Object Lock bucket. */
  readonly trailBucketName: string;
  /** Access-log bucket of the log-archive buckets. */
  readonly accessLogBucketName: string;
  /** The bucket AWS Config of every account and the GuardDuty findings export deliver to. */
  readonly deliveryBucketName: string;
  /** `alias/<prefix>-log-archive-logs`: the log-archive key's alias. */
  readonly keyAliasName: string;
  /** ARN of that alias; other accounts look the key up through it (the key policy admits `kms:DescribeKey`). */
  readonly keyAliasArn: string;
}

/** Name parts of the log-archive stack: `<prefix>-log-archive-...`. */
export function logArchiveNameParts(prefix: string): NameParts {
  return { prefix, environment: 'log-archive' };
}

/**
 * The names of the log-archive account's buckets and key. Both the log-archive stack (which
 * creates them) and every other account stack (which delivers to them) derive them here, so no
 * token crosses stacks.
 */
export function logArchiveNames(prefix: string, target: { readonly accountId: string; readonly region: string }, partition = 'aws'): LogArchiveNames {
  const names = logArchiveNameParts(prefix);
  const keyAliasName = kmsAliasName(names, 'logs');
  return {
    trailBucketName: s3BucketName(names, 'org-trail', target.accountId),
    accessLogBucketName: s3BucketName(names, 'access-logs', target.accountId),
    deliveryBucketName: s3BucketName(names, 'delivery', target.accountId),
    keyAliasName,
    keyAliasArn: `arn:${partition}:kms:${target.region}:${target.accountId}:${keyAliasName}`,
  };
}

/** Looks the log-archive key up by its alias ARN (GuardDuty and CloudTrail need the key ARN itself). */
export function logArchiveKeyArn(scope: Construct, names: LogArchiveNames): string {
  return new DataAwsKmsKey(scope, 'log-archive-key', { keyId: names.keyAliasArn }).arn;
}

/**
 * Leaving out an account's detection baseline (hardening, Config recorder, security event rules):
 * a named opt-out with its reason, for a target that cannot serve those APIs.
 */
export interface AccountDetectionOptOut {
  readonly reason: string;
}

/**
 * Reports `stacks.account-detection-off` on the stack when it goes without its detection
 * baseline; true then, and the stack builds no AccountDetection.
 */
export function reportDetectionOff(scope: Construct, optOut: AccountDetectionOptOut | undefined): boolean {
  if (!optOut) return false;
  reportOptOut(scope, { id: 'stacks.account-detection-off', message: 'the account has no detection baseline (hardening, Config recorder, security event rules)', reason: optOut.reason });
  return true;
}

/** Properties of {@link AccountDetection}. */
export interface AccountDetectionProps {
  readonly names: NameParts;
  /** The account's alert topic; the security event rules publish to it. */
  readonly alertTopic: AlertTopic;
  /** Events routed to the alert topic. @default ACCOUNT_SECURITY_EVENTS */
  readonly events?: readonly SecurityEvent[];
  /** Customer-managed key EBS uses by default. @default - aws/ebs, reported by AccountHardening */
  readonly ebsKey?: IKmsKey;
  /** The SECURITY alternate contact (`securityContact`). @default - none, reported by AccountHardening */
  readonly securityContact?: SecurityContact;
  /**
   * Where AWS Config delivers: the log-archive delivery bucket and the log-archive key ARN.
   * @default - no recorder (the organisation has no log-archive account; reported by the app)
   */
  readonly configDelivery?: { readonly bucketName: string; readonly keyArn: string };
  /**
   * Record global resource types (IAM). Rampart deploys each account's stack in one region, the
   * account's home region, so it is true there. @default true
   */
  readonly recordGlobalResources?: boolean;
}

/**
 * What every Rampart account gets: account hardening, an AWS Config recorder with the managed
 * rules delivering to the log-archive account, and EventBridge rules routing security events to
 * the account's alert topic.
 */
export class AccountDetection extends Construct {
  public readonly hardening: AccountHardening;
  public readonly recorder?: ConfigRecorder;
  public readonly rules?: ConfigRules;
  public readonly events: SecurityEventRules;

  constructor(scope: Construct, id: string, props: AccountDetectionProps) {
    super(scope, id);
    this.hardening = new AccountHardening(this, 'hardening', { ebsKey: props.ebsKey, securityContact: props.securityContact });
    if (props.configDelivery) {
      this.recorder = new ConfigRecorder(this, 'config', {
        names: props.names,
        deliveryBucketName: props.configDelivery.bucketName,
        deliveryKeyArn: props.configDelivery.keyArn,
        recordGlobalResources: props.recordGlobalResources ?? true,
      });
      this.rules = new ConfigRules(this, 'config-rules', { names: props.names, recorder: this.recorder.status });
    }
    this.events = new SecurityEventRules(this, 'security-events', { names: props.names, target: props.alertTopic, events: props.events ?? ACCOUNT_SECURITY_EVENTS });
  }
}
