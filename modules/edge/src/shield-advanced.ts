import { ShieldProtection } from '@cdktf/provider-aws/lib/shield-protection';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';

/** Properties of a {@link ShieldAdvancedProtection}. */
export interface ShieldAdvancedProtectionProps {
  /** Protection name. */
  readonly name: string;
  /** ARN of the resource to protect (a load balancer, CloudFront distribution, Elastic IP...). */
  readonly resourceArn: string;
}

/**
 * Shield Advanced protection of one resource. Explicit opt-in only: it needs the organisation's
 * Shield Advanced subscription (3,000 USD per month per organisation, one-year commitment, plus
 * Shield data-transfer fees), which is made once outside these stacks. A synth warning
 * `edge.shield-advanced` says where the subscription is relied on.
 */
export class ShieldAdvancedProtection extends Construct {
  public readonly resource: ShieldProtection;

  constructor(scope: Construct, id: string, props: ShieldAdvancedProtectionProps) {
    super(scope, id);
    this.resource = new ShieldProtection(this, 'protection', { name: props.name, resourceArn: props.resourceArn });
    Annotations.of(this).addWarning(
      `[edge.shield-advanced] Shield Advanced protects ${props.name}: it needs the organisation's Shield Advanced subscription (3,000 USD/month, one-year commitment, plus data transfer)`,
    );
  }
}
