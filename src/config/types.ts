import { DataClass } from '@rampart/core';

/** One AWS account a stack deploys into. */
export interface AccountTarget {
  /** 12-digit account id. The provider refuses to plan against any other account (allowed_account_ids). */
  readonly accountId: string;
  /** Home region of the stack. Must be a known AWS region and, where a list is given, an allowed one. */
  readonly region: string;
  /** Role the provider assumes to reach the account (`assume_role.role_arn`). */
  readonly deployRoleArn: string;
}

/** The bootstrap stack: the remote-state bucket and lock table every other stack uses. */
export interface BootstrapConfig extends AccountTarget {
  /** State bucket name. @default `<prefix>-tfstate-<accountId>` */
  readonly stateBucketName?: string;
  /** DynamoDB lock table name. @default `<prefix>-tfstate-lock` */
  readonly lockTableName?: string;
  /** Days a replaced (noncurrent) state version is kept before it expires (1-3650). @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Role in the state account that every stack's S3 backend assumes to read and write its state
   * (`assume_role.role_arn` of the backend). @default the bootstrap `deployRoleArn`
   */
  readonly stateRoleArn?: string;
  /**
   * Whether the bootstrap stack's own state lives in its bucket. It starts on local state
   * (`false`); set `true` when migrating it (`npm run migrate-bootstrap-state`). @default false
   */
  readonly remoteState?: boolean;
}

/** HCP Terraform (Terraform Cloud): one workspace per stack, `<prefix>-<stack>`. */
export interface CloudStateConfig {
  /** HCP Terraform organisation name. */
  readonly organization: string;
  /** Host of HCP Terraform or Terraform Enterprise. @default app.terraform.io */
  readonly hostname?: string;
  /** Project the workspaces belong to. @default - the organisation's default project */
  readonly project?: string;
}

/** Where the stacks keep their Terraform state. */
export interface StateConfig {
  /**
   * `s3`: the bootstrap stack's bucket and lock table (one key per stack).
   * `cloud`: an HCP Terraform `cloud` block with one workspace per stack (needs `cloud`).
   * @default 's3'
   */
  readonly backend?: 's3' | 'cloud';
  /** HCP Terraform settings; required when `backend` is `cloud`. */
  readonly cloud?: CloudStateConfig;
}

/** The organisation (management account) stack: SCPs and the organisation trail. */
export interface OrgConfig extends AccountTarget {
  /** Regions the organisation may use; SCPs deny the rest. */
  readonly allowedRegions: readonly string[];
}

/** One environment (dev, staging, prod): one stack in its own account. */
export interface EnvironmentConfig extends AccountTarget {
  /** Stack name and the Environment tag. Lowercase letters, digits, hyphens. */
  readonly name: string;
  /** Production environments get the strict settings (longer retention, deletion protection, multi-AZ). */
  readonly production: boolean;
  /** Regions the environment may use. The home region must be one of them. */
  readonly allowedRegions: readonly string[];
  /** VPC CIDR, /16 to /24, no host bits; must not overlap another environment's. */
  readonly vpcCidr: string;
  /** Availability zones to spread subnets over (2-6). */
  readonly azCount: number;
  /** Owner tag (team). */
  readonly owner: string;
  /** CostCenter tag. */
  readonly costCenter: string;
  /** Compliance tag (e.g. sox, gdpr, none). */
  readonly compliance: string;
  /** DataClassification tag for resources that do not carry their own class. */
  readonly defaultDataClass: DataClass;
}

/** Tag values for the shared stacks (bootstrap and org). */
export interface PlatformTags {
  /** Owner tag. */
  readonly owner: string;
  /** CostCenter tag. */
  readonly costCenter: string;
  /** Compliance tag. */
  readonly compliance: string;
}

/** Everything Rampart's own app needs to build its stacks. */
export interface RampartConfig {
  /** Company prefix used in every resource name. Lowercase letters, digits, hyphens; 2-12 characters. */
  readonly prefix: string;
  /** Tags for the bootstrap and org stacks. */
  readonly platform: PlatformTags;
  readonly org: OrgConfig;
  readonly bootstrap: BootstrapConfig;
  readonly environments: readonly EnvironmentConfig[];
  /** Where state is kept. @default - the S3 backend of the bootstrap stack */
  readonly state?: StateConfig;
}

/**
 * Where the synthesised stacks will run. `aws` is the real cloud; `local` is the local AWS
 * emulator (provider endpoints pointed at it, test credentials, account checks skipped).
 */
export type Deployment = { readonly kind: 'aws' } | { readonly kind: 'local'; readonly endpoint: string };
