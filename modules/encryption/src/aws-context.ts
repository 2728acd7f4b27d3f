import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { assertAllValid, validateAccountId, validateOneOf, validateRegion } from '@rampart/core';
import { Construct } from 'constructs';

/** Where a key lives. Each value may be a literal or a token. */
export interface AwsContext {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** The account, region and partition a construct should use; missing ones are looked up with data sources. */
export interface AwsContextProps {
  /** Account the key lives in. @default - looked up with `aws_caller_identity` */
  readonly accountId?: string;
  /** Region the key lives in. @default - looked up with `aws_region` */
  readonly region?: string;
  /** AWS partition. @default - looked up with `aws_partition` */
  readonly partition?: string;
}

/** Validates the given parts and creates data sources (under `scope`) for the missing ones. */
export function resolveAwsContext(scope: Construct, props: AwsContextProps, path = ''): AwsContext {
  assertAllValid([
    props.accountId === undefined ? undefined : validateAccountId(`${path}accountId`, props.accountId),
    props.region === undefined ? undefined : validateRegion(`${path}region`, props.region),
    props.partition === undefined ? undefined : validateOneOf(`${path}partition`, props.partition, ['aws', 'aws-cn', 'aws-us-gov']),
  ]);
  return {
    accountId: props.accountId ?? new DataAwsCallerIdentity(scope, 'caller').accountId,
    region: props.region ?? new DataAwsRegion(scope, 'region').name,
    partition: props.partition ?? new DataAwsPartition(scope, 'partition').partition,
  };
}
