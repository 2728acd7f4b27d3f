/**
 * Settings of an alarm that fires on any occurrence: a count metric summed over 5 minutes, in
 * alarm at 1 or more, quiet when there is no data, with its actions enabled. The CIS alarms and
 * the VPC-deletion alarm share them.
 */
export const OCCURRENCE_ALARM = {
  statistic: 'Sum',
  period: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
  actionsEnabled: true,
} as const;
