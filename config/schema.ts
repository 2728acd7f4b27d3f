import { z } from 'zod';
import {
  DATA_CLASSES,
  ValidationIssue,
  validateAccountId,
  validateCidr,
  validateLogRetention,
  validateName,
  validateRoleArn,
  validateS3BucketName,
  validateBreakGlassRolePattern,
  validateScpTargetId,
  validateGithubOwner,
  validateGithubRefName,
  validateGithubRepository,
  validateIamAction,
  validateAlertSubscription,
  DEFAULT_INTERFACE_ENDPOINTS,
  FLOW_LOG_MIN_RETENTION_DAYS,
  NAT_MODES,
  isEndpointServiceName,
  isWideCidr,
  DATABASE_ENGINES,
  FARGATE_TASK_SIZES,
  MAX_DB_STORAGE_GIB,
  validateCertificateArn,
  VAULT_LOCK_MODES,
  parseBackupVaultArn,
  SecurityContact,
  validateSecurityContact,
} from '@rampart/core';

/**
 * The one schema of Rampart's configuration. The TypeScript types (types.ts), the JSON Schema
 * for editors (rampart.schema.json) and the README's config reference are all derived from it.
 *
 * Each field's own rules live here; rules that compare fields live in rules.ts. Adding a field
 * is one entry in the section it belongs to: its type, a description, its default and its checks.
 * Every object is strict: an unknown key is an error with a "did you mean" hint.
 */

type Check = (path: string, value: unknown) => ValidationIssue | undefined | readonly ValidationIssue[];

/** Runs a Rampart validator on a value that already has the right type, reporting its code. */
function checked<T extends z.ZodType>(schema: T, ...checks: Check[]): T {
  return schema.superRefine((value, ctx) => {
    for (const check of checks) {
      const result = check('', value);
      const issues = result === undefined ? [] : Array.isArray(result) ? result : [result as ValidationIssue];
      for (const issue of issues) {
        // Validators that report a sub-field give it as `.name` after the (empty) base path.
        const sub = issue.path.startsWith('.')
          ? issue.path
              .slice(1)
              .split('.')
              .map((seg: string) => (/^\d+$/.test(seg) ? Number(seg) : seg))
          : [];
        ctx.addIssue({ code: 'custom', message: issue.rule, params: { code: issue.code }, path: sub, input: issue.value });
      }
      if (issues.length > 0) return;
    }
  }) as unknown as T;
}

/** Attaches the description (and the default, for the docs) to a field. */
function doc<T extends z.ZodType>(schema: T, description: string, defaultValue?: unknown): T {
  return schema.meta(defaultValue === undefined ? { description } : { description, default: defaultValue }) as T;
}

/** Each entry of a list at most once. */
function unique(_path: string, value: unknown): ValidationIssue[] {
  const list = value as readonly unknown[];
  return list.flatMap((v, i) => (list.indexOf(v) !== i ? [{ code: 'DUPLICATE', path: `.${i}`, value: v, rule: 'each entry may be listed once' }] : []));
}

const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const region = (description: string): z.ZodString =>
  doc(
    checked(z.string(), (path, v) => (REGION_SHAPE.test(v as string) ? undefined : { code: 'REGION_UNKNOWN', path, value: v, rule: 'must be an AWS region name such as eu-central-1' })),
    description,
  );
const regionList = (description: string) => doc(z.array(region('An AWS region.')).min(1), description);
const accountId = doc(checked(z.string(), validateAccountId), '12-digit account id, as a string. The provider refuses to plan against any other account (allowed_account_ids).');
const roleArn = (description: string): z.ZodString => doc(checked(z.string(), validateRoleArn), description);
const cidrList = (description: string, defaultValue: unknown, ...extra: Check[]) =>
  doc(checked(z.array(checked(z.string(), (p, v) => validateCidr(p, v), ...extra)), unique), description, defaultValue);
const port = (description: string, defaultValue: number) => doc(z.number().int().min(1).max(65535), description, defaultValue);
const tagValue = (description: string): z.ZodString =>
  doc(
    checked(z.string(), (path, v) =>
      /^[\p{L}\p{N} _.:/=+\-@]{1,256}$/u.test(v as string) ? undefined : { code: 'TAG_VALUE', path, value: v, rule: 'must be 1-256 characters of letters, digits, spaces and _.:/=+-@' },
    ),
    description,
  );

/** S3 bucket names: the core rules, plus every prefix and suffix S3 reserves. */
export function validateConfigBucketName(path: string, value: unknown): ValidationIssue | undefined {
  const core = validateS3BucketName(path, value);
  if (core) return core;
  const v = value as string;
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => v.startsWith(p));
  const suffix = ['-s3alias', '--ol-s3', '--x-s3'].find((s) => v.endsWith(s));
  if (prefix || suffix) {
    return { code: 'S3_NAME', path, value, rule: `must not use the prefix or suffix "${prefix ?? suffix}" (S3 reserves xn--, sthree-, amzn-s3-demo-, -s3alias, --ol-s3, --x-s3)` };
  }
  return undefined;
}

const bucketName = (description: string): z.ZodString => doc(checked(z.string(), validateConfigBucketName), description);

/** `repo@sha256:<64 hex>` when pinned by digest; no whitespace. */
export function validateImageReference(path: string, value: unknown): ValidationIssue | undefined {
  const v = value as string;
  if (v.length === 0 || v.length > 1024 || /\s/.test(v)) {
    return { code: 'IMAGE_FORMAT', path, value, rule: 'must be a container image reference without whitespace (pin it by digest: repo@sha256:...)' };
  }
  const at = v.indexOf('@');
  if (at >= 0 && !/^sha256:[0-9a-f]{64}$/.test(v.slice(at + 1))) {
    return { code: 'IMAGE_DIGEST', path, value, rule: 'a digest must be "sha256:" followed by 64 lowercase hex characters' };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sections

const accountTarget = {
  accountId,
  region: region("Home region of the stack. It must lie in org.allowedRegions (and the environment's own allowedRegions)."),
  deployRoleArn: roleArn('Role the provider assumes to reach the account (assume_role.role_arn); a role in accountId.'),
};

const keyAdminRoleArn = roleArn("Role that administers the account's KMS keys (key administration only, no use of the keys); a role in accountId.").optional();

const alertSubscription = checked(
  z.strictObject({
    protocol: doc(z.enum(['email', 'https']), '`email` or `https` (plain http is refused).'),
    endpoint: doc(z.string().max(2048), 'Email address, or https:// URL.'),
  }),
  (p, v) => validateAlertSubscription(p, v).filter((i) => i.code !== 'ENUM'),
);

const monitoring = doc(
  z.strictObject({
    alertSubscriptions: doc(z.array(alertSubscription).min(1), "Subscriptions of the account's SNS alert topic: at least one, or its alarms notify nobody."),
  }),
  'Alerts of the account: who its alert topic notifies.',
);

const platform = doc(
  z.strictObject({
    owner: tagValue('Owner tag.'),
    costCenter: tagValue('CostCenter tag.'),
    compliance: tagValue('Compliance tag.'),
  }),
  'Tags of the shared stacks (bootstrap and org).',
);

const guardrails = doc(
  z.strictObject({
    targetIds: doc(
      checked(z.array(checked(z.string(), (p, v) => validateScpTargetId(p, v, true))).min(1), unique),
      'Where every SCP is attached: organisation root ids (r-...), OU ids (ou-...-...), 12-digit account ids, or `root`.',
    ),
    breakGlassRolePattern: doc(
      checked(z.string(), validateBreakGlassRolePattern),
      'ARN pattern of the break-glass role(s) every SCP exempts, e.g. arn:aws:iam::*:role/acme-*-break-glass. The role name holds at least 3 literal characters.',
    ),
    mfaProtectedActions: doc(
      checked(z.array(checked(z.string(), validateIamAction)).min(1), unique),
      'Actions denied to sessions without MFA (service:Action).',
      "- the guardrails module's DEFAULT_MFA_PROTECTED_ACTIONS",
    ).optional(),
  }),
  'The service control policies of the organisation.',
);

const auditLogging = doc(
  z.strictObject({
    objectLockMode: doc(z.enum(['GOVERNANCE', 'COMPLIANCE']), 'Object Lock mode of the trail bucket.', '- COMPLIANCE when any environment is production, else GOVERNANCE').optional(),
    objectLockDays: doc(z.number().int().min(1).max(2557), 'Object Lock default retention in days.', 2557).optional(),
    s3DataEvents: doc(z.boolean(), 'Record S3 object-level data events too (extra cost).', false).optional(),
  }),
  'The organisation trail.',
);

const org = doc(
  z.strictObject({
    ...accountTarget,
    allowedRegions: regionList("Regions the organisation may use; the region SCP denies the rest. Every stack's region must be one of them."),
    logging: auditLogging.optional(),
    monitoring,
    manageOrganization: doc(z.boolean(), 'Create the organisation (all features, SCPs enabled) in this stack. Leave false when the management account already has one.', false).optional(),
    guardrails,
    keyAdminRoleArn,
  }),
  'The management account: organisation, SCPs and the organisation trail. No environment may live in it (SCPs do not apply there).',
);

const securityAccount = (description: string) =>
  doc(
    z.strictObject({
      ...accountTarget,
      keyAdminRoleArn,
      monitoring,
    }),
    description,
  );

const logArchive = securityAccount(
  "The log-archive account: the organisation trail's Object Lock bucket, its access-log bucket and the Config and GuardDuty delivery bucket, under a key of this account. Required unless accounts.separateLogArchiveAndSecurity is false.",
);

const security = securityAccount(
  'The security (audit) account: delegated administrator of GuardDuty, Security Hub, the Config organisation aggregator and the Access Analyzer organisation analyzer. Required unless accounts.separateLogArchiveAndSecurity is false.',
);

const securityContact = doc(
  checked(
    z.strictObject({
      name: doc(z.string().max(64), 'Name of the contact (person or team).'),
      title: doc(z.string().max(50), 'Title of the contact.'),
      emailAddress: doc(z.string().max(254), 'Email address of the contact.'),
      phoneNumber: doc(z.string().max(25), 'Phone number.'),
    }),
    (p, v) => validateSecurityContact(p, v as SecurityContact),
  ),
  'The SECURITY alternate contact of every Rampart account (where AWS sends security notices).',
);

const github = doc(
  z.strictObject({
    owner: doc(checked(z.string(), validateGithubOwner), 'Organisation or user that owns the repository.'),
    repository: doc(checked(z.string(), validateGithubRepository), 'Repository name.'),
  }),
  'The GitHub repository whose Actions workflows deploy the environments (OIDC federation).',
);

const bootstrap = doc(
  z.strictObject({
    ...accountTarget,
    stateBucketName: bucketName('State bucket name.').meta({ description: 'State bucket name.', default: '<prefix>-tfstate-<accountId>' }).optional(),
    lockTableName: doc(
      checked(z.string(), (path, v) =>
        /^[a-zA-Z0-9_.-]{3,255}$/.test(v as string) ? undefined : { code: 'NAME_FORMAT', path, value: v, rule: 'DynamoDB table names are 3-255 characters of letters, digits, "_", "-" and "."' },
      ),
      'DynamoDB lock table name.',
      '<prefix>-tfstate-lock',
    ).optional(),
    noncurrentVersionExpirationDays: doc(z.number().int().min(1).max(3650), 'Days a replaced state version is kept before it expires.', 90).optional(),
    stateRoleArn: roleArn("Role in the state account that every stack's S3 backend assumes.")
      .meta({ description: "Role in the state account that every stack's S3 backend assumes.", default: '- the bootstrap deployRoleArn' })
      .optional(),
    remoteState: doc(z.boolean(), "Whether the bootstrap stack's own state lives in its bucket (set true when migrating it).", false).optional(),
  }),
  'The state account: the remote-state bucket and lock table every other stack uses.',
);

const cloudState = doc(
  z.strictObject({
    organization: doc(
      checked(z.string(), (path, v) =>
        /^[A-Za-z0-9_-]{1,255}$/.test(v as string) ? undefined : { code: 'NAME_FORMAT', path, value: v, rule: 'must be an HCP Terraform organisation name: letters, digits, "-" and "_"' },
      ),
      'HCP Terraform organisation name.',
    ),
    hostname: doc(
      checked(z.string(), (path, v) =>
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(v as string)
          ? undefined
          : { code: 'NAME_FORMAT', path, value: v, rule: 'must be a DNS host name such as app.terraform.io (no scheme, no path)' },
      ),
      'Host of HCP Terraform or Terraform Enterprise.',
      'app.terraform.io',
    ).optional(),
    project: doc(
      checked(z.string(), (path, v) =>
        /^[A-Za-z0-9 _-]{3,40}$/.test(v as string) ? undefined : { code: 'NAME_FORMAT', path, value: v, rule: 'must be 3-40 characters of letters, digits, spaces, "-" and "_"' },
      ),
      'Project the workspaces belong to.',
      "- the organisation's default project",
    ).optional(),
  }),
  'HCP Terraform settings: one workspace per stack, <prefix>-<stack>.',
);

const state = doc(
  z.strictObject({
    backend: doc(z.enum(['s3', 'cloud']), "`s3`: the bootstrap stack's bucket and lock table. `cloud`: an HCP Terraform cloud block (needs `cloud`).", 's3').optional(),
    cloud: cloudState.optional(),
  }),
  'Where the stacks keep their Terraform state.',
);

const policyDocument = doc(
  // Checked as unknown first, so that a string or a list gets the policy-document error.
  z.unknown().superRefine((v, ctx) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, 'Statement')) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON policy document: an object with a Statement', params: { code: 'POLICY_JSON' }, input: v });
    }
  }) as unknown as z.ZodType<Readonly<Record<string, unknown>>>,
  'An IAM policy document (an object with a Statement). Policy variables such as ${aws:PrincipalTag/team} are kept literal.',
).meta({ type: 'object', required: ['Statement'] });

const network = doc(
  z.strictObject({
    natMode: doc(z.enum(NAT_MODES as unknown as ['none', 'single', 'per-az']), 'NAT gateways for the app tier: none, one shared, or one per zone.', '- per-az when production, else single').optional(),
    managementNat: doc(z.boolean(), 'Route the management tier through NAT too; needs managementHttpsEgressCidrs.', false).optional(),
    managementHttpsEgressCidrs: cidrList('HTTPS destinations outside the VPC the management tier may reach through NAT; needs managementNat.', []).optional(),
    interfaceEndpoints: doc(
      checked(
        z.array(checked(z.string(), (path, v) => (isEndpointServiceName(v) ? undefined : { code: 'ENDPOINT_SERVICE', path, value: v, rule: 'must be a service short name such as kms or ecr.api' }))),
        unique,
      ),
      'Interface endpoint services (short names such as kms, ecr.api).',
      [...DEFAULT_INTERFACE_ENDPOINTS],
    ).optional(),
    availabilityZones: doc(
      checked(
        z.array(
          checked(z.string(), (path, v) =>
            /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(v as string) ? undefined : { code: 'AZ_NAME', path, value: v, rule: 'must be an availability zone name such as eu-central-1a' },
          ),
        ),
        unique,
      ),
      "Availability zone names, exactly azCount of them, in the environment's region.",
      "- the region's first zones",
    ).optional(),
    vpnCidrs: cidrList('VPN or bastion CIDRs allowed into the management tier; they must not overlap the VPC.', [], (path, v) =>
      isWideCidr(v as string) ? { code: 'INSECURE', path, value: v, rule: 'management access from anywhere is not allowed; list the VPN or bastion ranges' } : undefined,
    ).optional(),
    albIngressCidrs: doc(cidrList('Clients allowed to reach the load balancer on 443.', ['0.0.0.0/0']).min(1), 'Clients allowed to reach the load balancer on 443.', ['0.0.0.0/0']).optional(),
    appHttpsEgressCidrs: cidrList(
      'HTTPS destinations outside the VPC the app tier may reach through NAT (needs a natMode other than none). A block wider than /8 is reported as opt-out network.app-wide-egress.',
      [],
    ).optional(),
    appPort: port('Port the app listens on (1024 or above when the environment has a workload).', 8080).optional(),
    dbPort: port('Port the database listens on; must differ from appPort and match the database engine.', 5432).optional(),
    managementPorts: doc(checked(z.array(z.number().int().min(1).max(65535)).min(1), unique), "Management ports (SSH 22 or an SSM-managed tool's port).", [22]).optional(),
    httpRedirect: doc(z.boolean(), 'Opt-out: open port 80 on the load balancer for an HTTP-to-HTTPS redirect.', false).optional(),
    denyCidrs: doc(
      cidrList("CIDRs denied in every tier's network ACL; they must not overlap any VPC.", [], (path, v) =>
        isWideCidr(v as string) ? { code: 'INSECURE', path, value: v, rule: 'denying everything would cut the VPC off; list specific ranges' } : undefined,
      ).max(10),
      "CIDRs denied in every tier's network ACL (at most 10); they must not overlap any environment's VPC.",
      [],
    ).optional(),
    flowLogRetentionDays: doc(
      checked(z.number(), validateLogRetention, (path, v) =>
        (v as number) < FLOW_LOG_MIN_RETENTION_DAYS ? { code: 'LOG_RETENTION', path, value: v, rule: `VPC flow logs are kept at least ${FLOW_LOG_MIN_RETENTION_DAYS} days` } : undefined,
      ),
      'Days to keep VPC flow logs (a CloudWatch Logs period).',
      FLOW_LOG_MIN_RETENTION_DAYS,
    ).optional(),
    endpointPolicies: doc(
      z.record(z.string(), policyDocument),
      'Endpoint policies by endpoint service (an interface endpoint of this environment, or s3 / dynamodb).',
      '- the AWS default policy',
    ).optional(),
  }),
  "The environment's network: VPC tiers, NAT, endpoints, NACLs, security groups. Every field is optional.",
);

const snapshotCode = doc(
  z.strictObject({
    s3Bucket: bucketName('Bucket of the code zip.'),
    s3Key: doc(z.string().min(1).max(1024), 'Key of the code zip.'),
  }),
  'Code of the snapshot function in S3; without it only the snapshot role is created.',
);

const database = doc(
  z.strictObject({
    engine: doc(z.enum(Object.keys(DATABASE_ENGINES) as ['postgres', 'mysql']), 'Database engine; its port must equal network.dbPort.', 'postgres').optional(),
    engineVersion: doc(z.string().max(32), 'Engine version.', '- 16 for postgres, 8.0 for mysql').optional(),
    instanceClass: doc(
      checked(z.string(), (path, v) =>
        /^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(v as string) ? undefined : { code: 'INSTANCE_CLASS', path, value: v, rule: 'must be an RDS instance class such as db.t4g.medium' },
      ),
      'RDS instance class.',
      'db.t4g.medium',
    ).optional(),
    allocatedStorageGiB: doc(
      z
        .number()
        .int()
        .min(20)
        .max(MAX_DB_STORAGE_GIB - 1),
      'Allocated storage (GiB).',
      20,
    ).optional(),
    maxAllocatedStorageGiB: doc(
      z.number().int().min(21).max(MAX_DB_STORAGE_GIB),
      'Storage-autoscaling ceiling (GiB), greater than allocatedStorageGiB.',
      '- twice allocatedStorageGiB, capped',
    ).optional(),
    backupRetentionDays: doc(z.number().int().min(7).max(35), 'Days of automated backups, 7-35 (at least 30 in production).', '- 30 in production, 7 otherwise').optional(),
    snapshotSchedule: doc(
      checked(z.string().max(256), (path, v) =>
        /^(cron|rate)\(.+\)$/.test(v as string) ? undefined : { code: 'SCHEDULE_FORMAT', path, value: v, rule: 'must be an EventBridge schedule expression: cron(...) or rate(...)' },
      ),
      'Schedule of the manual snapshot function.',
      'cron(0 3 * * ? *)',
    ).optional(),
    snapshotCode: snapshotCode.optional(),
  }),
  'An encrypted database for the workload.',
);

/** A reason for an opt-out: at least 10 characters. */
const reason = doc(
  checked(z.string(), (path, v) => {
    const text = (v as string).trim();
    return text.length >= 10 && text.length <= 512 ? undefined : { code: 'REASON_REQUIRED', path, value: v, rule: 'an opt-out needs a reason of 10 to 512 characters' };
  }),
  'Why the opt-out is needed (reported at synth and in the policy report).',
);

/** An AWS Backup cron(...) schedule. */
const backupSchedule = (description: string, defaultValue: string) =>
  doc(
    checked(z.string(), (path, v) =>
      /^cron\([0-9A-Za-z*?,/#\- ]{9,200}\)$/.test(v as string) ? undefined : { code: 'SCHEDULE_FORMAT', path, value: v, rule: 'must be an AWS Backup cron(...) expression' },
    ),
    description,
    defaultValue,
  );

/** A backup vault ARN (`arn:<partition>:backup:<region>:<account>:backup-vault:<name>`). */
function validateVaultArn(path: string, value: unknown): ValidationIssue | undefined {
  try {
    parseBackupVaultArn(path, value as string);
    return undefined;
  } catch (e) {
    return (e as { issue?: ValidationIssue }).issue ?? { code: 'ARN_FORMAT', path, value, rule: 'must be a backup vault ARN' };
  }
}

const backup = doc(
  z.strictObject({
    lockMode: doc(z.enum(VAULT_LOCK_MODES as unknown as [string, ...string[]]), 'Vault lock mode; production must use compliance.', "'compliance' in production, else 'governance'").optional(),
    minRetentionDays: doc(z.number().int().min(1).max(36500), 'Shortest retention the vault lock allows (days).', 7).optional(),
    maxRetentionDays: doc(z.number().int().min(1).max(36500), 'Longest retention the vault lock allows (days); at least minRetentionDays.', 3650).optional(),
    changeableForDays: doc(z.number().int().min(3).max(36500), 'Compliance mode: days before the lock becomes immutable.', 3).optional(),
    retentionDays: doc(
      z.partialRecord(z.enum(DATA_CLASSES as unknown as [string, ...string[]]), z.number().int().min(1).max(36500)),
      'Longer retention than the backup retention table for some data classes (days, by data class).',
      '- the table',
    ).optional(),
    schedule: backupSchedule('Schedule of the daily recovery points (UTC).', 'cron(0 3 * * ? *)').optional(),
    copyToVaultArn: doc(checked(z.string(), validateVaultArn), 'Copy daily recovery points to this vault (another account or region).', '- no copy').optional(),
    restoreTestSchedule: backupSchedule('Schedule of the database restore test (UTC).', 'cron(0 5 ? * SUN *)').optional(),
  }),
  "The environment's AWS Backup: vault under the backup key, vault lock, plans per data class, copies, restore tests.",
  '- every field at its default',
);

const workload = doc(
  z.strictObject({
    name: doc(
      checked(z.string(), (p, v) => validateName(p, v, { maxLength: 12 })),
      "Purpose part of the workload's resource names (<prefix>-<env>-<name>).",
      'app',
    ).optional(),
    image: doc(
      checked(z.string(), validateImageReference),
      "Container image from the workload's ECR repository <prefix>-<env>-<name>, by digest: sha256:<64 hex>, or the repository's reference <account>.dkr.ecr.<region>.amazonaws.com/<prefix>-<env>-<name>@sha256:<64 hex>. Another registry needs allowExternalImage.",
    ),
    cpu: doc(
      checked(z.number(), (path, v) =>
        Object.prototype.hasOwnProperty.call(FARGATE_TASK_SIZES, v as number) ? undefined : { code: 'ENUM', path, value: v, rule: `must be one of ${Object.keys(FARGATE_TASK_SIZES).join(', ')}` },
      ),
      'Fargate task CPU units.',
      256,
    ).optional(),
    memoryMiB: doc(z.number().int().min(512).max(122880), 'Fargate task memory (MiB); must suit cpu.', 512).optional(),
    desiredCount: doc(z.number().int().min(0).max(100), 'Tasks to run.', 2).optional(),
    certificateArn: doc(checked(z.string(), validateCertificateArn), "ACM certificate ARN for the HTTPS listener, in the environment's account and region."),
    healthCheckPath: doc(
      checked(z.string(), (path, v) =>
        /^\/[\x21-\x7e]{0,1023}$/.test(v as string) ? undefined : { code: 'PATH_FORMAT', path, value: v, rule: 'must start with / and hold at most 1024 printable characters' },
      ),
      'Health-check path on the container.',
      '/',
    ).optional(),
    dataClass: doc(z.enum(DATA_CLASSES as unknown as [string, ...string[]]), 'Class of the data the workload handles.', "- the environment's defaultDataClass").optional(),
    database: database.optional(),
    rateLimit: doc(z.number().int().min(10).max(2_000_000_000), 'Requests one client IP may send in 5 minutes before the web ACL blocks it.', 2000).optional(),
    withoutWebAcl: doc(
      z.strictObject({
        reason,
        owner: doc(z.string().trim().min(1).max(128), 'Who answers for the opt-out.'),
        expires: doc(
          checked(z.string(), (path, v) => {
            const text = v as string;
            const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
            const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
            const valid = !!m && !!day && day.getUTCFullYear() === Number(m[1]) && day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
            return valid ? undefined : { code: 'DATE_FORMAT', path, value: v, rule: 'must be the last day the opt-out applies, a real date YYYY-MM-DD' };
          }),
          'Last day the opt-out applies, YYYY-MM-DD.',
        ),
      }),
      'Opt-out: no WAF web ACL on the load balancer. Reported; the finding waf-public-lb-web-acl is suppressed with this reason, owner and expiry.',
      '- a web ACL',
    ).optional(),
    shieldAdvanced: doc(z.boolean(), "Opt-in: Shield Advanced protection of the load balancer (needs the organisation's subscription: 3,000 USD/month, 1-year commitment).", false).optional(),
    allowExternalImage: doc(z.strictObject({ reason }), "Opt-out: run an image that is not in the workload's ECR repository by digest (reported).", '- the repository, by digest').optional(),
    keepImages: doc(z.number().int().min(1).max(10000), "Tagged images the workload's repository keeps.", 100).optional(),
  }),
  "The environment's workload: a hardened Fargate service behind an HTTPS load balancer, optionally with a database. Its ports come from the network section.",
);

const environment = z.strictObject({
  name: doc(
    checked(z.string(), (p, v) => validateName(p, v, { maxLength: 16 })),
    'Stack name and the Environment tag: lowercase letters, digits, hyphens (not bootstrap or org).',
  ),
  production: doc(z.boolean(), 'Production environments get the strict settings (longer retention, deletion protection, multi-AZ).'),
  ...accountTarget,
  allowedRegions: regionList('Regions the environment may use; the home region must be one of them.'),
  vpcCidr: doc(
    checked(z.string(), (p, v) => validateCidr(p, v, { minMask: 16, maxMask: 24 })),
    "VPC CIDR, /16 to /24, no host bits; must not overlap another environment's VPC, the VPN CIDRs or any deny CIDR, nor lie in a range AWS reserves.",
  ),
  azCount: doc(z.number().int().min(2).max(6), 'Availability zones to spread subnets over (2-6, at most the zones of the region).'),
  owner: tagValue('Owner tag (team).'),
  costCenter: tagValue('CostCenter tag.'),
  compliance: tagValue('Compliance tag (e.g. sox, gdpr, none).'),
  defaultDataClass: doc(z.enum(DATA_CLASSES as unknown as [string, ...string[]]), 'DataClassification tag for resources that do not carry their own class.'),
  monitoring,
  githubEnvironment: doc(
    checked(z.string(), (p, v) => validateGithubRefName(p, v, 'environment')),
    'GitHub deployment environment whose jobs may assume the deploy role.',
    "- the environment's name",
  ).optional(),
  keyAdminRoleArn,
  network: network.optional(),
  workload: workload.optional(),
  backup: backup.optional(),
});

const accounts = doc(
  z.strictObject({
    separateLogArchiveAndSecurity: doc(
      z.boolean(),
      'Keep audit records in a log-archive account and run detection from a security account (logArchive and security). Opt-out: false keeps the trail buckets in the management account (org stack) and has no delegated administrator; it needs a reason and is reported.',
      true,
    ).optional(),
    reason: reason.optional(),
  }),
  'Which accounts the organisation has for audit records and detection.',
  '- separate log-archive and security accounts',
);

const permissionBoundary = doc(
  z.strictObject({
    allowedServices: doc(
      checked(
        z
          .array(
            checked(z.string(), (path, v) =>
              /^[a-z0-9][a-z0-9-]{0,39}$/.test(v as string) ? undefined : { code: 'NAME_FORMAT', path, value: v, rule: 'must be an IAM service prefix such as ec2 or rds-db' },
            ),
          )
          .min(1),
        unique,
      ),
      'IAM service prefixes capped roles may use; the boundary allows <prefix>:* for each and nothing else.',
      "- the identity module's DEFAULT_BOUNDARY_SERVICES",
    ).optional(),
  }),
  'The permission boundary every stack puts on its roles.',
  '- every field at its default',
);

const regionOverride = z.strictObject({
  zones: doc(z.number().int().min(1).max(12), 'Availability zones of the region.'),
  partition: doc(z.enum(['aws', 'aws-cn', 'aws-us-gov']), 'Partition of the region.', 'aws').optional(),
});

/** The whole configuration. */
export const RampartConfigSchema = z.strictObject({
  $schema: doc(z.string().max(1024), 'The JSON Schema this file follows, for editors (./rampart.schema.json).').optional(),
  prefix: doc(
    checked(z.string(), (p, v) => validateName(p, v, { minLength: 2, maxLength: 12 })),
    'Company prefix used in every resource name: lowercase letters, digits, hyphens; 2-12 characters.',
  ),
  platform,
  org,
  logArchive: logArchive.optional(),
  security: security.optional(),
  accounts: accounts.optional(),
  securityContact: securityContact.optional(),
  bootstrap,
  github,
  environments: doc(z.array(environment).min(1), 'One entry per environment (dev, staging, prod): one stack in its own account.'),
  state: state.optional(),
  permissionBoundary: permissionBoundary.optional(),
  regions: doc(
    z.record(
      checked(z.string(), (path, v) => (REGION_SHAPE.test(v as string) ? undefined : { code: 'REGION_UNKNOWN', path, value: v, rule: 'must be an AWS region name such as eu-central-1' })),
      regionOverride,
    ),
    "Regions newer than Rampart's tables: zones (and partition) by region name. A region named here is accepted as known.",
    '- none',
  ).optional(),
});
