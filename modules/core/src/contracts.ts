import { DataClass } from './data-class';
import type { IGrantable, IResourceWithPolicy, AddToResourcePolicyResult } from './iam/grant';
import type { KeyService, KeyServiceUseOptions } from './iam/key-service-use';

/**
 * Interfaces the modules use to wire into one another by intent, so that a module depends on
 * what it needs (a key, a network, a role) and not on the module that made it.
 */

/** What a customer-managed key protects: a data class, or one of the platform purposes. */
export type KeyPurpose = DataClass | 'logs' | 'secrets' | 'backup' | 'state';

/**
 * A KMS key. Implemented by the encryption module's keys; any key can be wrapped with `importKey`.
 *
 * A resource encrypted with the key tells the key which AWS service uses it on the resource's
 * behalf (`grantServiceUse`), and the key policy gets that service's statement: an alert topic
 * adds CloudWatch alarms (and EventBridge when a rule publishes to it), an access-log bucket adds
 * S3 server access logging, a log group adds CloudWatch Logs, a trail adds CloudTrail.
 */
export interface IKmsKey extends IResourceWithPolicy {
  /** Key ARN (a token at synth). */
  readonly keyArn: string;
  /** Key id (a token at synth). */
  readonly keyId: string;
  /** What the key protects. The data-class binding check compares this with a resource's class. */
  readonly purpose: KeyPurpose;
  /**
   * Lets one AWS service use the key for resources of the key's account (scoped by
   * `aws:SourceAccount`, or by source ARN / encryption context where the service supports it).
   * Idempotent. An imported key cannot change its policy: it returns `statementAdded: false`
   * and warns, naming the statements to add where the key is managed.
   */
  grantServiceUse(service: KeyService, options?: KeyServiceUseOptions): AddToResourcePolicyResult;
}

/** An IAM role that permissions can be granted to (the same as {@link IGrantable}). */
export type IRoleGrantee = IGrantable;

/** The four network tiers of a Rampart VPC. */
export type SubnetTier = 'public' | 'app' | 'data' | 'management';

/** A VPC with tiered subnets. Implemented by the network module's TieredVpc. */
export interface ITieredNetwork {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Subnet ids of one tier, one per availability zone; empty when the tier is absent. */
  subnetIds(tier: SubnetTier): string[];
}

/** The app-first security groups: alb → app → db, plus management. */
export interface ISecurityGroupTiers {
  readonly albSecurityGroupId: string;
  readonly appSecurityGroupId: string;
  readonly dbSecurityGroupId: string;
  readonly managementSecurityGroupId: string;
}
