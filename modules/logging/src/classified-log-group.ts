import { EncryptedLogGroup, EncryptedLogGroupProps } from '@rampart/core';

export { validateLogGroupName } from '@rampart/core';

/** Properties of a {@link ClassifiedLogGroup}: those of core's {@link EncryptedLogGroup}. */
export type ClassifiedLogGroupProps = EncryptedLogGroupProps;

/**
 * The logging module's name for core's {@link EncryptedLogGroup}: a CloudWatch log group that
 * always has a retention (from the RetentionPolicy for its log class) and a customer-managed
 * key, whose policy it completes for CloudWatch Logs. The audit trail's log group is one.
 */
export class ClassifiedLogGroup extends EncryptedLogGroup {}
