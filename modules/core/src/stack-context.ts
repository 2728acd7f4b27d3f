import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { assertAllValid } from './errors';
import { validateAccountId, validateOneOf, validateRegion, validateRoleArn } from './validators';

/** One AWS account a stack deploys into, and how the stack reaches it. */
export interface AccountTarget {
  /** 12-digit account id. The provider refuses to plan against any other account (`allowed_account_ids`). */
  readonly accountId: string;
  /** Home region of the stack. */
  readonly region: string;
  /** Role the provider assumes to reach the account (`assume_role.role_arn`). */
  readonly deployRoleArn: string;
  /**
   * Regions the account may use; the permission boundary denies the rest.
   * @default [region]
   */
  readonly allowedRegions?: readonly string[];
}

/** Region-name prefixes of the partitions other than `aws`, most specific first. */
const PARTITION_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-iso-', 'aws-iso'],
];

/** The ARN partition a region belongs to (`cn-north-1` → `aws-cn`, `us-gov-west-1` → `aws-us-gov`, else `aws`). */
export function partitionOfRegion(region: string): string {
  return PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

/**
 * Resolves a target's account, region and partition, once. Throws a typed error naming the
 * field when the account id, region or deploy role ARN is malformed.
 */
export function resolveStackContext(target: AccountTarget, path = 'target'): StackContext {
  assertAllValid(
    [validateAccountId(`${path}.accountId`, target.accountId), validateRegion(`${path}.region`, target.region), validateRoleArn(`${path}.deployRoleArn`, target.deployRoleArn)],
    'Invalid account target',
  );
  return { accountId: target.accountId, region: target.region, partition: partitionOfRegion(target.region) };
}

/**
 * The account, region and partition a stack deploys into, resolved once per stack. Each value
 * is a literal (from the stack's account target) or a token (from a data source).
 */
export interface StackContext {
  /** 12-digit account id. */
  readonly accountId: string;
  /** Region name, e.g. `eu-central-1`. */
  readonly region: string;
  /** ARN partition of the region: `aws`, `aws-cn`, `aws-us-gov`, ... (see {@link partitionOfRegion}). */
  readonly partition: string;
}

/** Parts of a {@link StackContext} given explicitly; the missing ones come from the stack. */
export interface StackContextProps {
  /** Account. @default - the stack's (see `StackContext.of`) */
  readonly accountId?: string;
  /** Region. @default - the stack's */
  readonly region?: string;
  /** AWS partition. @default - the stack's */
  readonly partition?: string;
}

/** ARN partitions. */
export const PARTITIONS: readonly string[] = ['aws', ...PARTITION_PREFIXES.map(([, partition]) => partition)];

const REGISTERED = new WeakMap<TerraformStack, StackContext>();

function isContext(x: unknown): x is StackContext {
  const c = x as Record<string, unknown> | undefined;
  return !!c && typeof c.accountId === 'string' && typeof c.region === 'string' && typeof c.partition === 'string';
}

/** Looks up and registers the {@link StackContext} of a stack. */
export const StackContext = {
  /**
   * The context of the nearest stack above `scope`: the stack's own `context` member when it
   * has one (the baseline stack resolves it from its account target), else the one registered
   * with {@link StackContext.register}, else data sources (`aws_caller_identity`, `aws_region`,
   * `aws_partition`) created once under the stack and shared by every construct in it.
   */
  of(scope: IConstruct): StackContext {
    const stack = TerraformStack.of(scope);
    const own = (stack as unknown as { context?: unknown }).context;
    if (isContext(own)) return own;
    let ctx = REGISTERED.get(stack);
    if (!ctx) {
      ctx = {
        accountId: new DataAwsCallerIdentity(stack, 'rampart-context-account').accountId,
        region: new DataAwsRegion(stack, 'rampart-context-region').name,
        partition: new DataAwsPartition(stack, 'rampart-context-partition').partition,
      };
      REGISTERED.set(stack, ctx);
    }
    return ctx;
  },

  /** Sets the context of a stack (before any construct reads it); literals avoid data sources. */
  register(stack: TerraformStack, context: StackContext): StackContext {
    assertAllValid(validateStackContext(context, 'context.'));
    REGISTERED.set(stack, context);
    return context;
  },

  /**
   * The context for a construct that accepts explicit parts: validates the given ones and takes
   * the missing ones from `StackContext.of(scope)`. `path` prefixes the prop names in errors.
   */
  resolve(scope: IConstruct, props: StackContextProps, path = ''): StackContext {
    assertAllValid(validateStackContext(props, path));
    if (props.accountId !== undefined && props.region !== undefined && props.partition !== undefined) {
      return { accountId: props.accountId, region: props.region, partition: props.partition };
    }
    const stack = StackContext.of(scope);
    return { accountId: props.accountId ?? stack.accountId, region: props.region ?? stack.region, partition: props.partition ?? stack.partition };
  },
};

function validateStackContext(props: StackContextProps, path: string) {
  return [
    props.accountId === undefined ? undefined : validateAccountId(`${path}accountId`, props.accountId),
    props.region === undefined ? undefined : validateRegion(`${path}region`, props.region),
    props.partition === undefined ? undefined : validateOneOf(`${path}partition`, props.partition, PARTITIONS),
  ];
}
