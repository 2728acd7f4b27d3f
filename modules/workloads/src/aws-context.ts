import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Construct } from 'constructs';

/**
 * Account, region and partition of the provider a construct deploys with, read by data sources
 * so that ARNs and trust conditions are exact without the caller passing them in.
 */
export class AwsContext extends Construct {
  /** 12-digit account id (a token at synth). */
  public readonly accountId: string;
  /** Region name (a token at synth). */
  public readonly region: string;
  /** ARN partition, e.g. `aws` (a token at synth). */
  public readonly partition: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.accountId = new DataAwsCallerIdentity(this, 'account').accountId;
    this.region = new DataAwsRegion(this, 'region').name;
    this.partition = new DataAwsPartition(this, 'partition').partition;
  }
}
