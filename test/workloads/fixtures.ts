import { TerraformStack, Testing } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { IKmsKey, kmsKeyReference, ISecurityGroupTiers, ITieredNetwork, KeyPurpose, SubnetTier } from '@rampart/core';
import { Construct } from 'constructs';
import { StackJson, testStack } from '../helpers/synth';

/**
 * Small stand-ins for the network and encryption modules built from real provider resources,
 * so that the workload constructs are tested against the core contracts only.
 */
export class TestNetwork extends Construct implements ITieredNetwork, ISecurityGroupTiers {
  public readonly vpcId: string;
  public readonly vpcCidr = '10.0.0.0/16';
  public readonly albSecurityGroupId: string;
  public readonly appSecurityGroupId: string;
  public readonly dbSecurityGroupId: string;
  public readonly managementSecurityGroupId: string;
  private readonly subnets: Record<SubnetTier, string[]>;

  constructor(scope: Construct, id: string, tiers: SubnetTier[] = ['public', 'app', 'data', 'management']) {
    super(scope, id);
    const vpc = new Vpc(this, 'vpc', { cidrBlock: this.vpcCidr });
    this.vpcId = vpc.id;
    const base: Record<SubnetTier, number> = { public: 0, app: 10, data: 20, management: 30 };
    this.subnets = { public: [], app: [], data: [], management: [] };
    for (const tier of tiers) {
      for (const az of [0, 1]) {
        const subnet = new Subnet(this, `${tier}-${az}`, { vpcId: vpc.id, cidrBlock: `10.0.${base[tier] + az}.0/24`, availabilityZone: `eu-central-1${'ab'[az]}` });
        this.subnets[tier].push(subnet.id);
      }
    }
    const sg = (name: string): string => new SecurityGroup(this, `sg-${name}`, { name, vpcId: vpc.id, description: `${name} tier` }).id;
    this.albSecurityGroupId = sg('alb');
    this.appSecurityGroupId = sg('app');
    this.dbSecurityGroupId = sg('db');
    this.managementSecurityGroupId = sg('management');
  }

  public subnetIds(tier: SubnetTier): string[] {
    return this.subnets[tier];
  }
}

/** A real KMS key carrying a purpose. */
export function testKey(scope: Construct, purpose: KeyPurpose): IKmsKey {
  const key = new KmsKey(scope, `key-${purpose}`, { description: `${purpose} key`, enableKeyRotation: true });
  return kmsKeyReference({ keyArn: key.arn, keyId: key.keyId, purpose });
}

/** A stack with the stand-ins and keys for the classes the tests use. */
export function fixture(): {
  stack: TerraformStack;
  network: TestNetwork;
  keys: Record<'logs' | 'secrets' | 'internal' | 'confidential' | 'pii', IKmsKey>;
} {
  const { stack } = testStack();
  const network = new TestNetwork(stack, 'network');
  const keys = {
    logs: testKey(stack, 'logs'),
    secrets: testKey(stack, 'secrets'),
    internal: testKey(stack, 'internal'),
    confidential: testKey(stack, 'confidential'),
    pii: testKey(stack, 'pii'),
  };
  return { stack, network, keys };
}

/** Synthesises a stack (running validations) and parses it. */
export function synth(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack, true));
}

/** The single resource of a type in synthesised JSON. */
export function only(json: StackJson, type: string): Record<string, any> {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Messages of one annotation level recorded on the stack's constructs. */
function annotations(stack: Construct, type: string): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === type)
    .map((m) => String(m.data));
}

/** Warning messages recorded on the stack's constructs. */
export function warnings(stack: Construct): string[] {
  return annotations(stack, '@cdktf/warn');
}

/** Info messages recorded on the stack's constructs. */
export function infos(stack: Construct): string[] {
  return annotations(stack, '@cdktf/info');
}

export { errorOf } from '../helpers/assertions';
