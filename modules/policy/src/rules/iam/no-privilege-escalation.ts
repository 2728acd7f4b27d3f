import { StackContext } from '../../context';
import { isAllActions } from '../../policy-document';
import { NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { allowStatements, grantsAsIdentityPolicy, onEveryResource } from './service-wildcard-helpers';

/** Actions that on `*` let a principal rewrite or attach policies, and so make itself administrator. */
export const ESCALATION_ACTIONS: readonly string[] = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:UpdateAssumeRolePolicy',
];

/** Actions that start compute under a role: with iam:PassRole on `*` they run code as any role in the account. */
export const COMPUTE_CREATION_ACTIONS: readonly string[] = [
  'ec2:RunInstances',
  'ec2:RequestSpotInstances',
  'lambda:CreateFunction',
  'lambda:UpdateFunctionConfiguration',
  'ecs:RunTask',
  'ecs:StartTask',
  'ecs:CreateService',
  'ecs:RegisterTaskDefinition',
  'cloudformation:CreateStack',
  'cloudformation:UpdateStack',
  'glue:CreateDevEndpoint',
  'glue:CreateJob',
  'datapipeline:CreatePipeline',
  'sagemaker:CreateNotebookInstance',
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
  'codebuild:CreateProject',
  'autoscaling:CreateLaunchConfiguration',
  'autoscaling:CreateAutoScalingGroup',
];

/** True when an action pattern (`iam:Attach*`, `IAM:PutRolePolicy`, `ec2:*`) covers an action. Every-action wildcards are left to iam-no-admin-wildcard. */
export function covers(pattern: string, action: string): boolean {
  if (isAllActions(pattern)) return false;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(action);
}

/**
 * No identity policy allows, on every resource (`"Resource": "*"`), an action that rewrites or
 * attaches policies (iam:CreatePolicyVersion, iam:AttachRolePolicy, iam:PutRolePolicy ...) or
 * iam:PassRole together with an action that creates compute (ec2:RunInstances,
 * lambda:CreateFunction, ecs:RunTask ...), across the statements of one policy. Unattached managed
 * policies and permissions boundaries grant nothing and are not judged.
 */
export const iamNoPrivilegeEscalation: PolicyRule = {
  id: 'iam-no-privilege-escalation',
  title: 'IAM policies allow no privilege-escalation action or iam:PassRole-plus-compute combination on "*"',
  area: 'iam',
  severity: 'high',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_286'] },
  hint: 'scope iam:PassRole to the role ARNs the workload passes (with an iam:PassedToService condition) and policy-management actions to named policies and roles; deployment roles belong behind a permissions boundary',
  resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role'],
  check(r: PolicyResource, ctx: StackContext) {
    if (!grantsAsIdentityPolicy(r, ctx)) return NOT_APPLICABLE;
    const byPolicy = new Map<string, string[]>();
    for (const { finding, s } of allowStatements(r, ctx)) {
      if (!onEveryResource(s)) continue;
      byPolicy.set(finding, [...(byPolicy.get(finding) ?? []), ...s.actions]);
    }
    const found: RuleOutcome[] = [];
    for (const [finding, patterns] of byPolicy) {
      const allowed = (action: string) => patterns.some((p) => covers(p, action));
      const escalations = ESCALATION_ACTIONS.filter(allowed);
      if (escalations.length) found.push(violation(`${finding} allows ${escalations.join(', ')} on "*"`, { finding }));
      if (allowed('iam:PassRole')) {
        const compute = COMPUTE_CREATION_ACTIONS.filter(allowed);
        if (compute.length) found.push(violation(`${finding} allows iam:PassRole on "*" together with ${compute.join(', ')}: code can run as any role`, { finding: `${finding}/passrole` }));
      }
    }
    return outcomes(found);
  },
};
