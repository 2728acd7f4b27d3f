import { IConstruct } from 'constructs';
import { assertAllValid } from './errors';
import { validateAccountId, validateRegion, validateRoleArn } from './validators';

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

/** Account, region and partition of one stack, resolved once from its {@link AccountTarget}. */
export interface StackContext {
  /** 12-digit account id. */
  readonly accountId: string;
  /** Home region. */
  readonly region: string;
  /** ARN partition of the region: `aws`, `aws-cn`, `aws-us-gov`, ... */
  readonly partition: string;
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
    [
      validateAccountId(`${path}.accountId`, target.accountId),
      validateRegion(`${path}.region`, target.region),
      validateRoleArn(`${path}.deployRoleArn`, target.deployRoleArn),
    ],
    'Invalid account target',
  );
  return { accountId: target.accountId, region: target.region, partition: partitionOfRegion(target.region) };
}

const STACK_CONTEXT = Symbol.for('@rampart/core.stack-context');

/** Records the context of a stack, so that constructs below it can read it with {@link stackContextOf}. */
export function setStackContext(stack: IConstruct, context: StackContext): void {
  Object.defineProperty(stack, STACK_CONTEXT, { value: context, enumerable: false });
}

/**
 * The context of the nearest enclosing stack that recorded one (a `RampartStack` does), or
 * undefined when none did.
 */
export function stackContextOf(scope: IConstruct): StackContext | undefined {
  for (const node of [...scope.node.scopes].reverse()) {
    const context = (node as unknown as Record<symbol, StackContext | undefined>)[STACK_CONTEXT];
    if (context) return context;
  }
  return undefined;
}
