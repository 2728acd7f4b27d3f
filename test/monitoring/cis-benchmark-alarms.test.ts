import { Testing } from 'cdktf';
import { CIS_METRIC_FILTERS, CisBenchmarkAlarms } from '@rampart/monitoring';
import { resourcesOfType, synthStack, testStack } from '../helpers/synth';
import { errorOf, warningsOf } from '../logging/helpers';

const names = { prefix: 'acme', environment: 'org' };
const TOPIC = 'arn:aws:sns:eu-central-1:111111111111:acme-org-alerts';

/**
 * The reference patterns: CIS AWS Foundations Benchmark section 4 as checked by AWS Security Hub
 * (CloudWatch.1-14) and CIS 4.15 for Organizations. Security Hub compares them literally.
 */
const EXPECTED: Record<string, string> = {
  '4.1': '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  '4.2': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  '4.3': '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  '4.4':
    '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  '4.5': '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  '4.6': '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  '4.7': '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  '4.8':
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  '4.9':
    '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  '4.10':
    '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  '4.11':
    '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  '4.12':
    '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  '4.13':
    '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  '4.14':
    '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  '4.15':
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
};

describe('CisBenchmarkAlarms', () => {
  const json = synthStack((s) => new CisBenchmarkAlarms(s, 'cis', { names, logGroupName: '/aws/cloudtrail/acme-org-audit-trail', alarmTarget: { topicArn: TOPIC } }));
  const filters = resourcesOfType(json, 'aws_cloudwatch_log_metric_filter');
  const alarms = resourcesOfType(json, 'aws_cloudwatch_metric_alarm');

  test('the catalogue holds CIS 4.1 to 4.15 and Security Hub CloudWatch.1 to CloudWatch.14', () => {
    expect(CIS_METRIC_FILTERS.map((f) => f.cis)).toEqual(Object.keys(EXPECTED));
    expect(
      CIS_METRIC_FILTERS.map((f) => f.securityHubControl)
        .filter(Boolean)
        .sort(),
    ).toEqual(Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`).sort());
  });

  test('15 metric filters on the trail log group, each with the exact CIS pattern', () => {
    expect(Object.keys(filters)).toHaveLength(15);
    const byCis = Object.fromEntries(CIS_METRIC_FILTERS.map((f) => [f.cis, Object.values(filters).find((r) => r.metric_transformation.name === f.id)]));
    for (const [cis, pattern] of Object.entries(EXPECTED)) {
      expect(byCis[cis]).toBeDefined();
      expect(byCis[cis]!.pattern).toBe(pattern);
      expect(byCis[cis]!.log_group_name).toBe('/aws/cloudtrail/acme-org-audit-trail');
      expect(byCis[cis]!.metric_transformation).toMatchObject({ namespace: 'CISBenchmark', value: '1' });
    }
  });

  test('15 alarms, one per filter metric, each alarming on a single event and notifying the topic', () => {
    expect(Object.keys(alarms)).toHaveLength(15);
    const metrics = Object.values(filters)
      .map((f) => f.metric_transformation.name)
      .sort();
    expect(
      Object.values(alarms)
        .map((a) => a.metric_name)
        .sort(),
    ).toEqual(metrics);
    for (const a of Object.values(alarms)) {
      expect(a).toMatchObject({
        namespace: 'CISBenchmark',
        statistic: 'Sum',
        period: 300,
        evaluation_periods: 1,
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        treat_missing_data: 'notBreaching',
        actions_enabled: true,
        alarm_actions: [TOPIC],
      });
      expect(a.alarm_name).toMatch(/^acme-org-cis-4-\d+-/);
      expect(a.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_metric_filter\./)]);
    }
  });

  test('opt-out: an excluded alarm is left out with its reason and a warning', () => {
    const { stack } = testStack();
    new CisBenchmarkAlarms(stack, 'cis', {
      names,
      logGroupName: 'g',
      alarmTarget: { topicArn: TOPIC },
      exclude: [{ id: 'organizations-changes', reason: 'member account: not an organisation trail' }],
    });
    const j = JSON.parse(Testing.synth(stack));
    expect(Object.keys(resourcesOfType(j, 'aws_cloudwatch_metric_alarm'))).toHaveLength(14);
    expect(Object.values(resourcesOfType(j, 'aws_cloudwatch_log_metric_filter')).map((f) => f.metric_transformation.name)).not.toContain('organizations-changes');
    expect(warningsOf(stack)).toEqual([expect.stringContaining('[monitoring.cis.organizations-changes-excluded]')]);
  });

  test.each([
    ['an unknown alarm id', { exclude: [{ id: 'root', reason: 'not wanted at all here' }] }, 'ENUM', 'exclude[0].id'],
    ['an exclusion without a reason', { exclude: [{ id: 'root-usage', reason: 'no' }] }, 'REASON_REQUIRED', 'exclude[0].reason'],
    ['a namespace with spaces', { metricNamespace: 'CIS Benchmark' }, 'NAME_FORMAT', 'metricNamespace'],
  ])('%s is a typed error', (_t, props: any, code, path) => {
    const { stack } = testStack();
    const e = errorOf(() => new CisBenchmarkAlarms(stack, 'cis', { names, logGroupName: 'g', alarmTarget: { topicArn: TOPIC }, ...props }));
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });
});
