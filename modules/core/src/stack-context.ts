import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { assertAllValid } from './errors';
import { validateAccountId, validateOneOf, validateRegion } from './validators';

/**
 * The account, region and partition a stack deploys into, resolved once per stack. Each value
 * is a literal (from the stack's account target) or a token (from a data source).
 */
export interface StackContext {
  /** 12-digit account id. */
  readonly accountId: string;
  /** Region name, e.g. `eu-central-1`. */
  readonly region: string;
  /** ARN partition: `aws`, `aws-cn` or `aws-us-gov`. */
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
export const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'];

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
