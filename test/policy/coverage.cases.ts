import * as P from '@rampart/policy';
import { ref, RuleCase, tf } from './fixtures';

// Fixture pairs for the rules of issue 14 point 5 (concerns the pack did not cover).

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ECS_TRUST = doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
const TRAIL = { name: 't', s3_bucket_name: 'b', is_multi_region_trail: true };
const KEY = 'arn:aws:kms:eu-central-1:111111111111:key/k';

export const COVERAGE_CASES: RuleCase[] = [
  {
    rule: P.cloudtrailLoggingEnabled,
    compliant: tf({ aws_cloudtrail: { implicit: TRAIL, explicit: { ...TRAIL, enable_logging: true } } }),
    nonCompliant: tf({ aws_cloudtrail: { implicit: TRAIL, off: { ...TRAIL, enable_logging: false }, offString: { ...TRAIL, enable_logging: 'false' } } }),
    expected: ['aws_cloudtrail.off', 'aws_cloudtrail.offString'],
  },
  {
    rule: P.ebsVolumesEncrypted,
    compliant: tf({
      aws_ebs_volume: { data: { availability_zone: 'eu-central-1a', size: 10, encrypted: true, kms_key_id: KEY } },
      aws_instance: { app: { ami: 'ami-1', root_block_device: { encrypted: true }, ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] } },
      aws_launch_template: { lt: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', kms_key_id: KEY } }] } },
    }),
    nonCompliant: tf({
      aws_ebs_volume: { data: { availability_zone: 'eu-central-1a', size: 10, encrypted: true }, plain: { availability_zone: 'eu-central-1a', size: 10 } },
      aws_instance: { app: { ami: 'ami-1', root_block_device: { encrypted: true }, ebs_block_device: [{ device_name: '/dev/sdf', encrypted: false }] }, ami: { ami: 'ami-1' } },
      aws_launch_template: { lt: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'false' } }] }, bare: { image_id: 'ami-1' } },
    }),
    expected: ['aws_ebs_volume.plain#volume', 'aws_instance.ami#root_block_device', 'aws_instance.app#/dev/sdf', 'aws_launch_template.bare#block_device_mappings', 'aws_launch_template.lt#/dev/xvda'],
  },
  {
    // with EBS encryption by default on in the stack, volumes left unset are encrypted; an explicit false is still a finding
    rule: P.ebsVolumesEncrypted,
    compliant: tf({
      aws_ebs_encryption_by_default: { on: { enabled: true } },
      aws_ebs_volume: { plain: { availability_zone: 'eu-central-1a', size: 10 } },
      aws_instance: { ami: { ami: 'ami-1' } },
      aws_launch_template: { bare: { image_id: 'ami-1' } },
    }),
    nonCompliant: tf({
      aws_ebs_encryption_by_default: { on: { enabled: true } },
      aws_ebs_volume: { plain: { availability_zone: 'eu-central-1a', size: 10 }, off: { availability_zone: 'eu-central-1a', size: 10, encrypted: false } },
    }),
    expected: ['aws_ebs_volume.off#volume'],
  },
  {
    rule: P.iamNoPrivilegeEscalation,
    compliant: tf({
      aws_iam_role: { app: { assume_role_policy: ECS_TRUST } },
      aws_iam_role_policy: {
        // PassRole scoped to one role, compute creation on *: no escalation
        deploy: {
          role: 'app',
          policy: doc([
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111111111111:role/app-task' },
            { Effect: 'Allow', Action: ['ecs:RunTask', 'ecs:RegisterTaskDefinition'], Resource: '*' },
          ]),
        },
        // policy management on a named role only
        named: { role: 'app', policy: doc([{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111111111111:role/app-task' }]) },
      },
      // unattached: grants nothing
      aws_iam_policy: { unused: { policy: doc([{ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' }]) } },
    }),
    nonCompliant: tf({
      aws_iam_role: {
        app: { assume_role_policy: ECS_TRUST, inline_policy: [{ name: 'attach', policy: doc([{ Effect: 'Allow', Action: ['iam:Attach*', 's3:GetObject'], Resource: '*' }]) }] },
      },
      aws_iam_role_policy: {
        // the two halves of the combination in separate statements of one policy
        pass: {
          role: 'app',
          policy: doc([
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
            { Effect: 'Allow', Action: 'lambda:CreateFunction', Resource: ['*'] },
          ]),
        },
        named: { role: 'app', policy: doc([{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111111111111:role/app-task' }]) },
      },
      aws_iam_policy: { versions: { policy: doc([{ Effect: 'Allow', Action: ['iam:CreatePolicyVersion'], Resource: '*' }]) } },
      aws_iam_role_policy_attachment: { versions: { role: 'app', policy_arn: ref('aws_iam_policy.versions', 'arn') } },
      aws_iam_user_policy: { ec2: { user: 'u', policy: doc([{ Effect: 'Allow', Action: ['iam:passrole', 'ec2:Run*'], Resource: '*' }]) } },
    }),
    expected: ['aws_iam_policy.versions#policy', 'aws_iam_role.app#inline_policy.attach', 'aws_iam_role_policy.pass#policy/passrole', 'aws_iam_user_policy.ec2#policy/passrole'],
  },
  {
    rule: P.secretsManagerRotationProduction,
    production: true,
    compliant: tf({
      aws_secretsmanager_secret: { db: { name: 'db', kms_key_id: KEY } },
      aws_secretsmanager_secret_rotation: {
        db: { secret_id: ref('aws_secretsmanager_secret.db'), rotation_lambda_arn: 'arn:aws:lambda:eu-central-1:111111111111:function:rotate', rotation_rules: { automatically_after_days: 30 } },
      },
    }),
    nonCompliant: tf({
      aws_secretsmanager_secret: { db: { name: 'db', kms_key_id: KEY }, api: { name: 'api', kms_key_id: KEY } },
      aws_secretsmanager_secret_rotation: {
        db: { secret_id: ref('aws_secretsmanager_secret.db'), rotation_lambda_arn: 'arn:aws:lambda:eu-central-1:111111111111:function:rotate', rotation_rules: { automatically_after_days: 30 } },
      },
    }),
    expected: ['aws_secretsmanager_secret.api'],
  },
  {
    rule: P.lambdaNoSecretEnvVars,
    compliant: tf({
      aws_lambda_function: {
        fn: {
          function_name: 'fn',
          role: 'r',
          environment: { variables: { LOG_LEVEL: 'info', DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:111111111111:secret:db' } },
          kms_key_arn: KEY,
        },
      },
    }),
    nonCompliant: tf({
      aws_lambda_function: {
        fn: { function_name: 'fn', role: 'r', environment: { variables: { LOG_LEVEL: 'info', DB_PASSWORD: 'hunter2', UPSTREAM: 'AKIAABCDEFGHIJKLMNOP' } }, kms_key_arn: KEY },
        ok: { function_name: 'ok', role: 'r', environment: [{ variables: { LOG_LEVEL: 'debug' } }], kms_key_arn: KEY },
      },
    }),
    expected: ['aws_lambda_function.fn#DB_PASSWORD', 'aws_lambda_function.fn#UPSTREAM'],
  },
  {
    rule: P.lambdaEnvironmentEncrypted,
    compliant: tf({ aws_lambda_function: { fn: { function_name: 'fn', role: 'r', environment: { variables: { LOG_LEVEL: 'info' } }, kms_key_arn: KEY }, bare: { function_name: 'bare', role: 'r' } } }),
    nonCompliant: tf({ aws_lambda_function: { fn: { function_name: 'fn', role: 'r', environment: { variables: { LOG_LEVEL: 'info' } } }, bare: { function_name: 'bare', role: 'r' } } }),
    expected: ['aws_lambda_function.fn'],
  },
  {
    rule: P.snsTopicEncrypted,
    compliant: tf({ aws_sns_topic: { alerts: { name: 'alerts', kms_master_key_id: ref('aws_kms_key.logs', 'arn') } } }),
    nonCompliant: tf({ aws_sns_topic: { alerts: { name: 'alerts', kms_master_key_id: ref('aws_kms_key.logs', 'arn') }, plain: { name: 'plain' }, empty: { name: 'empty', kms_master_key_id: '' } } }),
    expected: ['aws_sns_topic.empty', 'aws_sns_topic.plain'],
  },
  {
    rule: P.sqsQueueEncrypted,
    compliant: tf({ aws_sqs_queue: { kms: { name: 'kms', kms_master_key_id: KEY }, managed: { name: 'managed', sqs_managed_sse_enabled: true } } }),
    nonCompliant: tf({ aws_sqs_queue: { kms: { name: 'kms', kms_master_key_id: KEY }, off: { name: 'off', sqs_managed_sse_enabled: false }, unset: { name: 'unset' } } }),
    expected: ['aws_sqs_queue.off', 'aws_sqs_queue.unset'],
  },
];
