import { StackContext, blocks, isToken } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** The tag with which an S3 bucket says it holds data to back up (`Backup` = `true`). */
export const BACKUP_TAG = 'Backup';

/** Markers of each stateful type in an ARN (service, resource kind). */
const ARN_MARKERS: Readonly<Record<string, readonly [string, string]>> = {
  aws_db_instance: [':rds:', ':db:'],
  aws_rds_cluster: [':rds:', ':cluster:'],
  aws_dynamodb_table: [':dynamodb:', ':table/'],
  aws_efs_file_system: [':elasticfilesystem:', ':file-system/'],
  aws_s3_bucket: [':s3:', ':::'],
};

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** True when an ARN pattern of a selection covers every resource of the type (`*`, or `arn:...:db:*`). */
function patternCovers(pattern: unknown, type: string): boolean {
  if (pattern === '*') return true;
  if (typeof pattern !== 'string' || !pattern.endsWith('*')) return false;
  const [service, kind] = ARN_MARKERS[type];
  return pattern.includes(service) && pattern.includes(kind);
}

function tagConditionsHold(selection: PolicyResource, tags: Record<string, unknown>): boolean {
  const value = (key: unknown) => (typeof key === 'string' && key.startsWith('aws:ResourceTag/') ? tags[key.slice('aws:ResourceTag/'.length)] : undefined);
  for (const condition of blocks(selection.attributes.condition)) {
    for (const c of blocks(condition.string_equals)) {
      const v = value(c.key);
      if (typeof v !== 'string' || isToken(v) || v !== c.value) return false;
    }
    for (const c of blocks(condition.string_not_equals)) {
      const v = value(c.key);
      if (v === c.value) return false;
    }
  }
  const anyOf = blocks(selection.attributes.selection_tag);
  if (anyOf.length > 0 && !anyOf.some((t) => String(t.type ?? '').toUpperCase() === 'STRINGEQUALS' && tags[t.key] === t.value)) return false;
  return true;
}

/**
 * In a stack that keeps backups (it holds an AWS Backup plan), every RDS instance and cluster,
 * DynamoDB table, EFS file system, and S3 bucket tagged `Backup` = `true` is selected by a
 * backup selection: by reference, or by an ARN pattern of its type whose tag conditions its tags
 * (provider default tags included) satisfy. Stacks without any plan are not judged.
 */
export const backupStatefulCovered: PolicyRule = {
  id: 'backup-stateful-covered',
  title: 'Stateful resources are covered by an AWS Backup plan',
  area: 'backup',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['RDS.26', 'DynamoDB.4'] },
  hint: 'select the resource in an aws_backup_selection (its ARN, or an ARN pattern of its type with tag conditions it meets): DataClassBackupPlans from @rampart/recovery selects by DataClassification',
  resourceTypes: Object.keys(ARN_MARKERS),
  check(resource: PolicyResource, ctx: StackContext) {
    if (ctx.ofType('aws_backup_plan').length === 0) return NOT_APPLICABLE;
    const tags = ctx.effectiveTags(resource);
    if (resource.type === 'aws_s3_bucket' && tags[BACKUP_TAG] !== 'true') return NOT_APPLICABLE;
    const covered = ctx.ofType('aws_backup_selection').some((sel) => {
      if (list(sel.attributes.not_resources).some((r) => ctx.refersTo(r, resource))) return false;
      const resources = list(sel.attributes.resources);
      if (resources.some((r) => ctx.refersTo(r, resource))) return true;
      return resources.some((r) => patternCovers(r, resource.type)) && tagConditionsHold(sel, tags);
    });
    return covered ? COMPLIANT : violation('no aws_backup_selection of this stack covers it');
  },
};
