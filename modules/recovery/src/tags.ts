/**
 * Tag that puts an S3 bucket under the backup plans (`Backup` = `true`). Databases and tables
 * are always selected by their data class; buckets only when they say they hold data, because
 * most buckets in a Rampart account hold logs that Object Lock and versioning already protect.
 */
export const BACKUP_TAG = 'Backup';
export const BACKUP_TAG_VALUE = 'true';
