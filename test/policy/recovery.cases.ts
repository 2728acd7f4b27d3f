import * as P from '@rampart/policy';
import { RuleCase, tf } from './fixtures';

const KEY = { description: 'backup', enable_key_rotation: true };
const VAULT = { name: 'v', kms_key_arn: '${aws_kms_key.backup.arn}' };
const LOCK = { backup_vault_name: '${aws_backup_vault.v.name}', min_retention_days: 7, max_retention_days: 3650, changeable_for_days: 3 };
const PLAN = { name: 'p', rule: [{ rule_name: 'daily', target_vault_name: '${aws_backup_vault.v.name}', schedule: 'cron(0 3 * * ? *)', lifecycle: { delete_after: 35 } }] };
const DB = { engine: 'postgres', instance_class: 'db.t4g.micro', storage_encrypted: true, tags: { DataClassification: 'pii' } };
const TABLE = { name: 't', hash_key: 'id' };
const BY_CLASS = (cls: string) => ({
  name: `sel-${cls}`,
  plan_id: '${aws_backup_plan.p.id}',
  iam_role_arn: '${aws_iam_role.backup.arn}',
  resources: ['arn:aws:rds:eu-central-1:123456789012:db:*', 'arn:aws:dynamodb:eu-central-1:123456789012:table/*'],
  condition: [{ string_equals: [{ key: 'aws:ResourceTag/DataClassification', value: cls }] }],
});
const LB = { name: 'web', load_balancer_type: 'application', internal: false, subnets: ['subnet-1', 'subnet-2'] };
const REPO = { name: 'app', image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true } };

export const RECOVERY_CASES: RuleCase[] = [
  {
    rule: P.backupVaultCmk,
    compliant: tf({ aws_kms_key: { backup: KEY }, aws_backup_vault: { v: VAULT } }),
    nonCompliant: tf({
      aws_kms_key: { backup: KEY },
      aws_backup_vault: { v: VAULT, awskey: { name: 'a' }, alias: { name: 'b', kms_key_arn: 'arn:aws:kms:eu-central-1:123456789012:alias/aws/backup' } },
    }),
    expected: ['aws_backup_vault.alias', 'aws_backup_vault.awskey'],
  },
  {
    rule: P.backupVaultLockedProduction,
    production: true,
    compliant: tf({ aws_kms_key: { backup: KEY }, aws_backup_vault: { v: VAULT }, aws_backup_vault_lock_configuration: { v: LOCK } }),
    nonCompliant: tf({
      aws_kms_key: { backup: KEY },
      aws_backup_vault: { v: VAULT, governance: { ...VAULT, name: 'g' }, open: { ...VAULT, name: 'o' } },
      aws_backup_vault_lock_configuration: { v: LOCK, g: { ...LOCK, backup_vault_name: '${aws_backup_vault.governance.name}', changeable_for_days: undefined } },
    }),
    expected: ['aws_backup_vault.governance', 'aws_backup_vault.open'],
  },
  {
    rule: P.backupStatefulCovered,
    compliant: tf({
      aws_backup_plan: { p: PLAN },
      aws_backup_selection: {
        pii: BY_CLASS('pii'),
        internal: BY_CLASS('internal'),
        byref: { name: 'r', plan_id: '${aws_backup_plan.p.id}', iam_role_arn: 'x', resources: ['${aws_s3_bucket.data.arn}'] },
      },
      aws_db_instance: { db: DB },
      aws_dynamodb_table: { t: TABLE },
      aws_s3_bucket: { data: { bucket: 'data', tags: { Backup: 'true' } }, logs: { bucket: 'logs' } },
    }),
    nonCompliant: tf({
      aws_backup_plan: { p: PLAN },
      aws_backup_selection: { pii: BY_CLASS('pii') },
      aws_db_instance: { db: DB, health: { ...DB, tags: { DataClassification: 'health' } } },
      aws_dynamodb_table: { t: TABLE },
      aws_s3_bucket: { data: { bucket: 'data', tags: { Backup: 'true' } }, logs: { bucket: 'logs' } },
    }),
    // The table carries the default tags' class (internal), which no selection names; the log bucket does not say it holds data.
    expected: ['aws_db_instance.health', 'aws_dynamodb_table.t', 'aws_s3_bucket.data'],
  },
  {
    rule: P.wafPublicLbWebAcl,
    compliant: tf({
      aws_lb: { web: LB, internal: { ...LB, internal: true }, nlb: { ...LB, load_balancer_type: 'network' } },
      aws_wafv2_web_acl_association: { web: { resource_arn: '${aws_lb.web.arn}', web_acl_arn: '${aws_wafv2_web_acl.acl.arn}' } },
    }),
    nonCompliant: tf({
      aws_lb: { web: LB, bare: LB },
      aws_alb: { old: LB },
      aws_wafv2_web_acl_association: { web: { resource_arn: '${aws_lb.web.arn}', web_acl_arn: '${aws_wafv2_web_acl.acl.arn}' } },
    }),
    expected: ['aws_alb.old', 'aws_lb.bare'],
  },
  {
    rule: P.ecrImmutableTags,
    compliant: tf({ aws_ecr_repository: { app: REPO } }),
    nonCompliant: tf({ aws_ecr_repository: { app: REPO, mutable: { ...REPO, image_tag_mutability: 'MUTABLE' }, unset: { ...REPO, image_tag_mutability: undefined } } }),
    expected: ['aws_ecr_repository.mutable', 'aws_ecr_repository.unset'],
  },
  {
    rule: P.ecrScanOnPush,
    compliant: tf({ aws_ecr_repository: { app: REPO } }),
    nonCompliant: tf({ aws_ecr_repository: { app: REPO, noscan: { ...REPO, image_scanning_configuration: { scan_on_push: false } }, unset: { ...REPO, image_scanning_configuration: undefined } } }),
    expected: ['aws_ecr_repository.noscan', 'aws_ecr_repository.unset'],
  },
];
