import { kmsKeyReference } from '@rampart/core';
import { RampartValidationError } from '@rampart/core';
import { FlowLogs, FlowLogsProps } from '@rampart/network';
import { resourcesOfType } from '../helpers/synth';
import { NAMES, build, thrown } from './helpers';

const flowLogs = (props: Partial<FlowLogsProps> = {}) => build((s) => new FlowLogs(s, 'flow', { vpcId: 'vpc-0123456789abcdef0', names: NAMES, ...props }));
const one = (json: any, type: string) => Object.values(resourcesOfType(json, type))[0];

describe('FlowLogs', () => {
  test('captures ALL traffic of the VPC into an encrypted log group kept 90 days', () => {
    const { json } = flowLogs();
    const log = one(json, 'aws_flow_log');
    const group = one(json, 'aws_cloudwatch_log_group');
    expect(log).toMatchObject({ vpc_id: 'vpc-0123456789abcdef0', traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    expect(log.log_destination).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.arn\}$/);
    expect(group).toMatchObject({ name: '/rampart/acme-test-vpc-flow-logs', retention_in_days: 90 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\..*\.arn\}$/);
  });

  test('without a key passed in, creates one with rotation and a policy for this log group only', () => {
    const { json, result } = flowLogs();
    const key = one(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    const policy = JSON.parse(key.policy);
    const logs = policy.Statement.find((s: any) => s.Principal.Service);
    expect(logs.Principal.Service).toMatch(/^logs\.\$\{data\.aws_region\..*\.name\}\.\$\{data\.aws_partition\..*\.dns_suffix\}$/);
    expect(logs.Action).toEqual(expect.arrayContaining(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']));
    expect(logs.Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn']).toMatch(/:log-group:\/rampart\/acme-test-vpc-flow-logs$/);
    expect(one(json, 'aws_kms_alias').name).toBe('alias/acme-test-vpc-flow-logs');
    expect(result.key.purpose).toBe('logs');
  });

  test('uses a key passed in and creates none', () => {
    const { json } = flowLogs({ key: kmsKeyReference({ keyArn: 'arn:aws:kms:eu-central-1:333333333333:key/abc', keyId: 'abc', purpose: 'logs' }) });
    expect(resourcesOfType(json, 'aws_kms_key')).toEqual({});
    expect(one(json, 'aws_cloudwatch_log_group').kms_key_id).toBe('arn:aws:kms:eu-central-1:333333333333:key/abc');
  });

  test('the delivery role is assumed by the flow-logs service of this account and can write to that one log group only', () => {
    const { json } = flowLogs();
    const role = one(json, 'aws_iam_role');
    const trust = JSON.parse(role.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    expect(trust.Condition.StringEquals['aws:SourceAccount']).toMatch(/data\.aws_caller_identity\..*\.account_id/);
    const policy = JSON.parse(one(json, 'aws_iam_role_policy').policy);
    expect(policy.Statement).toHaveLength(1);
    const [s] = policy.Statement;
    expect(s.Action.sort()).toEqual(['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents']);
    expect(s.Resource).toHaveLength(2);
    expect(s.Resource[0]).toMatch(/^\$\{aws_cloudwatch_log_group\.[^.]+\.arn\}$/);
    expect(s.Resource[1]).toBe(`${s.Resource[0]}:*`);
    expect(JSON.stringify(policy)).not.toContain('"*"');
    expect(one(json, 'aws_flow_log').iam_role_arn).toMatch(/^\$\{aws_iam_role\..*\.arn\}$/);
  });

  test('a longer retention is accepted', () => {
    expect(one(flowLogs({ retentionInDays: 365 }).json, 'aws_cloudwatch_log_group').retention_in_days).toBe(365);
  });

  const errors: Array<[string, Partial<FlowLogsProps>, string, string]> = [
    ['a retention CloudWatch does not offer', { retentionInDays: 100 }, 'LOG_RETENTION', 'FlowLogsProps.retentionInDays'],
    ['a retention under 90 days', { retentionInDays: 30 }, 'LOG_RETENTION', 'FlowLogsProps.retentionInDays'],
    ['a key for another purpose', { key: kmsKeyReference({ keyArn: 'arn', keyId: 'id', purpose: 'pii' }) }, 'KEY_PURPOSE', 'FlowLogsProps.key'],
  ];
  test.each(errors)('rejects %s', (_t, props, code, path) => {
    const e = thrown(() => flowLogs(props));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });
});
