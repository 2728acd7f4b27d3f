import { asNumber, isToken, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Minimum automated-backup retention, in days. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/** Automated backups are kept for at least 7 days. */
export const rdsBackupRetention: PolicyRule = {
  id: 'rds-backup-retention',
  title: 'RDS automated backups are kept 7 days or more',
  area: 'rds',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['RDS.11'], checkov: ['CKV_AWS_133'] },
  hint: 'set backup_retention_period to 7 or more (30 in production)',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(db: PolicyResource, _ctx: StackContext) {
    if (db.type === 'aws_db_instance' && db.attributes.replicate_source_db !== undefined) return COMPLIANT; // read replicas inherit backups from their source
    const raw = db.attributes.backup_retention_period;
    if (isToken(raw)) return COMPLIANT;
    const days = asNumber(raw);
    if (days === undefined) return violation('backup_retention_period is not set');
    return days >= MIN_BACKUP_RETENTION_DAYS ? COMPLIANT : violation(`backup_retention_period is ${days}; the minimum is ${MIN_BACKUP_RETENTION_DAYS}`);
  },
};
