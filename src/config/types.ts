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

/** One recipient of an alert topic. */
export interface AlertSubscriptionConfig {
  /** `email` or `https` (plain http is refused). */
  readonly protocol: 'email' | 'https';
  /** Email address, or https:// URL. */
  readonly endpoint: string;
}

/** Alerting of one account: who the alert topic notifies. */
export interface MonitoringConfig {
  /** Subscriptions of the account's SNS alert topic: at least one (`REQUIRED` otherwise). */
  readonly alertSubscriptions: readonly AlertSubscriptionConfig[];
}

/** The organisation-wide audit trail. */
export interface AuditLoggingConfig {
  /** Object Lock mode of the trail bucket. @default COMPLIANCE when any environment is production, else GOVERNANCE */
  readonly objectLockMode?: 'GOVERNANCE' | 'COMPLIANCE';
  /** Object Lock default retention in days (1-2557). @default 2557 (the 7-year archive period) */
  readonly objectLockDays?: number;
  /** Record S3 object-level data events too (extra cost). @default false */
  readonly s3DataEvents?: boolean;
}

/** The organisation's service control policies. */
export interface GuardrailsConfig {
  /**
   * Where every SCP is attached: organisation root ids (`r-...`), OU ids (`ou-...-...`), 12-digit
   * account ids, or `root` for the organisation's root.
   */
  readonly targetIds: readonly string[];
  /**
   * ARN pattern of the break-glass role(s) that every SCP exempts, e.g.
   * `arn:aws:iam::*:role/acme-*-break-glass`. The role name must hold at least 3 literal characters.
   */
  readonly breakGlassRolePattern: string;
  /** Actions denied to sessions without MFA (`service:Action`). @default the guardrails module's DEFAULT_MFA_PROTECTED_ACTIONS */
  readonly mfaProtectedActions?: readonly string[];
}

/** The organisation (management account) stack: SCPs and the organisation trail. */
export interface OrgConfig extends AccountTarget {
  /** Regions the organisation may use; SCPs deny the rest. */
  readonly allowedRegions: readonly string[];
  /** The organisation trail. @default all defaults */
  readonly logging?: AuditLoggingConfig;
  /** Alerts of the management account (CIS alarms): at least one subscription. */
  readonly monitoring: MonitoringConfig;
  /**
   * Create the organisation (`aws_organizations_organization`, all features, SCPs enabled) in this
   * stack. Leave false when the management account already has one; SCPs then need the
   * SERVICE_CONTROL_POLICY type enabled on its root.
   * @default false
   */
  readonly manageOrganization?: boolean;
  /** The SCP catalogue's settings. */
  readonly guardrails: GuardrailsConfig;
  /**
   * Role that administers the account's KMS keys (key-administration actions only, no use of the keys).
   * Must be a role in `accountId`. @default the deploy role
   */
  readonly keyAdminRoleArn?: string;
}

/** The GitHub repository whose Actions workflows deploy the environments (OIDC federation). */
export interface GithubConfig {
  /** Organisation or user that owns the repository. */
  readonly owner: string;
  /** Repository name. */
  readonly repository: string;
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
  /** Alerts of the environment's account (VPC deletion, workload alarms): at least one subscription. */
  readonly monitoring: MonitoringConfig;
  /**
   * GitHub deployment environment whose jobs may assume the environment's GitHub OIDC deploy role
   * (`repo:<owner>/<repo>:environment:<githubEnvironment>`). @default the environment's name
   */
  readonly githubEnvironment?: string;
  /**
   * Role that administers the environment's KMS keys (key-administration actions only, no use of the keys).
   * Must be a role in `accountId`. @default the deploy role
   */
  readonly keyAdminRoleArn?: string;
  /**
   * The environment's network (VPC tiers, NAT, endpoints, NACLs, security groups).
   * @default - every field at its default
   */
  readonly network?: NetworkConfig;
  /**
   * The environment's workload baseline: a hardened Fargate service behind an HTTPS load balancer,
   * and optionally an encrypted database with a snapshot role.
   * @default - no workload
   */
  readonly workload?: WorkloadConfig;
}

/**
 * The workload of one environment (`environments[].workload`). Its ports and the port-80 redirect
 * come from the network section (`appPort`, `dbPort`, `httpRedirect`), so that the security groups
 * and the workload always agree.
 */
export interface WorkloadConfig {
  /** Purpose part of the workload's resource names (`<prefix>-<env>-<name>`). @default 'app' */
  readonly name?: string;
  /** Container image; pin it by digest (`repo@sha256:...`). A `:latest` or untagged image gives a warning. */
  readonly image: string;
  /** Fargate task CPU units. @default 256 */
  readonly cpu?: number;
  /** Fargate task memory (MiB); must suit `cpu`. @default 512 */
  readonly memoryMiB?: number;
  /** Tasks to run. @default 2 */
  readonly desiredCount?: number;
  /** ACM certificate ARN for the HTTPS listener (in the environment's account and region). */
  readonly certificateArn: string;
  /** Health-check path on the container. @default '/' */
  readonly healthCheckPath?: string;
  /** Class of the data the workload handles (log retention, keys). @default - the environment's defaultDataClass */
  readonly dataClass?: DataClass;
  /** An encrypted database for the workload. @default - none */
  readonly database?: WorkloadDatabaseConfig;
}

/** The workload's database (`environments[].workload.database`). */
export interface WorkloadDatabaseConfig {
  /** @default 'postgres' */
  readonly engine?: 'postgres' | 'mysql';
  /** @default - 16 for postgres, 8.0 for mysql */
  readonly engineVersion?: string;
  /** @default 'db.t4g.medium' */
  readonly instanceClass?: string;
  /** @default 20 */
  readonly allocatedStorageGiB?: number;
  /** Storage-autoscaling ceiling (GiB), greater than `allocatedStorageGiB`, at most 65536. @default - twice `allocatedStorageGiB`, capped at 65536 */
  readonly maxAllocatedStorageGiB?: number;
  /** Days of automated backups, 7-35 (at least 30 in production). @default - 30 in production, 7 otherwise */
  readonly backupRetentionDays?: number;
  /** Schedule of the manual snapshot function. @default 'cron(0 3 * * ? *)' */
  readonly snapshotSchedule?: string;
  /** Code of the snapshot function in S3; without it only the snapshot role is created. @default - none */
  readonly snapshotCode?: { readonly s3Bucket: string; readonly s3Key: string };
}

/** NAT for the private tiers: none, one shared gateway, or one per availability zone. */
export type NatModeConfig = 'none' | 'single' | 'per-az';

/** The network of one environment. Every field is optional. */
export interface NetworkConfig {
  /** NAT gateways for the app tier. @default 'per-az' when production, else 'single' */
  readonly natMode?: NatModeConfig;
  /**
   * Route the management tier through NAT as well. Needs `managementHttpsEgressCidrs` (the only
   * egress beyond the VPC the management group gets). @default false
   */
  readonly managementNat?: boolean;
  /** HTTPS destinations outside the VPC the management tier may reach through NAT; needs `managementNat`. @default [] */
  readonly managementHttpsEgressCidrs?: readonly string[];
  /** Interface endpoint services (short names such as kms, ecr.api). @default kms, secretsmanager, ssm, ssmmessages, ec2messages, logs, sts, ecr.api, ecr.dkr */
  readonly interfaceEndpoints?: readonly string[];
  /** Availability zone names, exactly azCount of them. @default - the region's first available zones */
  readonly availabilityZones?: readonly string[];
  /** VPN or bastion CIDRs allowed into the management tier. @default [] */
  readonly vpnCidrs?: readonly string[];
  /** Clients allowed to reach the load balancer on 443. @default ['0.0.0.0/0'] */
  readonly albIngressCidrs?: readonly string[];
  /**
   * HTTPS destinations outside the VPC the app tier may reach through NAT. The endpoints cover the
   * AWS services, so there is none by default; a block wider than /8 (such as 0.0.0.0/0) is
   * reported as opt-out `network.app-wide-egress`. @default []
   */
  readonly appHttpsEgressCidrs?: readonly string[];
  /** Port the app listens on. @default 8080 */
  readonly appPort?: number;
  /** Port the database listens on. @default 5432 */
  readonly dbPort?: number;
  /** Management ports (SSH 22 or an SSM-managed tool's port). @default [22] */
  readonly managementPorts?: readonly number[];
  /** Opt-out: open port 80 on the load balancer for an HTTP-to-HTTPS redirect. @default false */
  readonly httpRedirect?: boolean;
  /** CIDRs denied in every tier's network ACL (at most 10). @default [] */
  readonly denyCidrs?: readonly string[];
  /** Days to keep VPC flow logs (a CloudWatch Logs period, at least 90). @default 90 */
  readonly flowLogRetentionDays?: number;
  /**
   * Endpoint policies by endpoint service (an interface endpoint of this environment, or s3 /
   * dynamodb): each a policy document object with a `Statement`. @default - none (the AWS default policy)
   */
  readonly endpointPolicies?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
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
  /** Repository whose GitHub Actions deploy the environments; each environment stack trusts it through OIDC. */
  readonly github: GithubConfig;
  readonly environments: readonly EnvironmentConfig[];
  /** Where state is kept. @default - the S3 backend of the bootstrap stack */
  readonly state?: StateConfig;
  /** The permission boundary every stack puts on its roles. @default - every field at its default */
  readonly permissionBoundary?: PermissionBoundaryConfig;
}

/** The permission boundary of every account (`permissionBoundary`). */
export interface PermissionBoundaryConfig {
  /**
   * IAM service prefixes capped roles may use (`ec2`, `rds-db` ...); the boundary allows `<prefix>:*`
   * for each and nothing else. @default the identity module's DEFAULT_BOUNDARY_SERVICES
   */
  readonly allowedServices?: readonly string[];
}

/**
 * Where the synthesised stacks will run. `aws` is the real cloud; `local` is the local AWS
 * emulator (provider endpoints pointed at it, test credentials, account checks skipped).
 */
export type Deployment = { readonly kind: 'aws' } | { readonly kind: 'local'; readonly endpoint: string };
