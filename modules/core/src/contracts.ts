import { DataClass } from './data-class';

/**
 * Interfaces the modules use to wire into one another by intent, so that a module depends on
 * what it needs (a key, a network, a role) and not on the module that made it.
 */

/** What a customer-managed key protects: a data class, or one of the platform purposes. */
export type KeyPurpose = DataClass | 'logs' | 'secrets' | 'backup' | 'state';

/** A KMS key. Implemented by the encryption module's keys; any key can be wrapped with `importKey`. */
export interface IKmsKey {
  /** Key ARN (a token at synth). */
  readonly keyArn: string;
  /** Key id (a token at synth). */
  readonly keyId: string;
  /** What the key protects. The data-class binding check compares this with a resource's class. */
  readonly purpose: KeyPurpose;
}

/** An IAM role that permissions can be granted to. */
export interface IRoleGrantee {
  /** Role name (a token at synth), used to attach inline policies. */
  readonly roleName: string;
  /** Role ARN (a token at synth), used in key and resource policies. */
  readonly roleArn: string;
}

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
