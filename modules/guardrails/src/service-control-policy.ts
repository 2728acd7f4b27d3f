import { ITerraformDependable, Token } from 'cdktf';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { Construct } from 'constructs';
import { ValidationIssue, assertAllValid, failSynth, isUnresolved, PolicyDocument, PolicyStatement, policyDocument, renderPolicy } from '@rampart/core';
import { SCP_MAX_CHARACTERS, scpSize, validateBreakGlassRolePattern, validateScpTargetId } from './scp-rules';

/** Props every SCP of the catalogue takes. */
export interface ScpProps {
  /**
   * Policy name (1-128 characters). Replacing it replaces the policy.
   * @default - `rampart-<policy>`, e.g. `rampart-deny-unapproved-regions`
   */
  readonly policyName?: string;
  /** Root, OU or account ids to attach the policy to. At least one. */
  readonly targetIds: readonly string[];
  /**
   * ARN pattern of the break-glass role(s): every statement carries
   * `ArnNotLike aws:PrincipalArn <pattern>`, so that role is never denied by the policy.
   */
  readonly breakGlassRolePattern: string;
  /** Resources the policy must wait for, e.g. the organisation that enables SCPs. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/** Resolved input of {@link ServiceControlPolicy}. */
export interface ServiceControlPolicyProps extends ScpProps {
  readonly policyName: string;
  readonly description: string;
  /** Statements before the break-glass exemption is added. */
  readonly statements: readonly PolicyStatement[];
}

/** Issues of the props shared by every SCP. */
export function scpPropsIssues(props: ScpProps): Array<ValidationIssue | undefined> {
  const targets = props.targetIds ?? [];
  const issues: Array<ValidationIssue | undefined> = [
    validateBreakGlassRolePattern('breakGlassRolePattern', props.breakGlassRolePattern),
    ...targets.map((t, i) => validateScpTargetId(`targetIds[${i}]`, t)),
  ];
  if (targets.length === 0) issues.push({ code: 'REQUIRED', path: 'targetIds', value: props.targetIds, rule: 'must list at least one root, OU or account id' });
  if (props.policyName !== undefined && !isUnresolved(props.policyName) && !(typeof props.policyName === 'string' && /^[\w+=,.@-]{1,128}$/.test(props.policyName))) {
    issues.push({ code: 'NAME_FORMAT', path: 'policyName', value: props.policyName, rule: 'SCP names are 1-128 letters, digits and +=,.@_-' });
  }
  return issues;
}

/** Adds the break-glass exemption to a statement's conditions. */
export function withBreakGlassExemption(statement: PolicyStatement, pattern: string): PolicyStatement {
  const condition = statement.Condition ?? {};
  const existing = condition.ArnNotLike?.['aws:PrincipalArn'];
  const patterns = existing === undefined ? [pattern] : [...(typeof existing === 'string' ? [existing] : existing), pattern];
  return { ...statement, Condition: { ...condition, ArnNotLike: { ...(condition.ArnNotLike ?? {}), 'aws:PrincipalArn': patterns } } };
}

/**
 * One service control policy and its attachments. Every statement exempts the break-glass role
 * pattern. At synth the rendered policy (minified JSON, as AWS counts it) is checked against the
 * 5,120-character limit; a larger policy fails synth with an error naming it and its size.
 * Use one of the catalogue's typed policies rather than this class directly.
 */
export class ServiceControlPolicy extends Construct {
  /** The policy document as written to `content`. */
  public readonly document: PolicyDocument;
  /** The rendered content (minified JSON). */
  public readonly content: string;
  /** Characters AWS counts for the policy. */
  public readonly size: number;
  public readonly policyName: string;
  /** Policy id (a token). */
  public readonly policyId: string;
  public readonly resource: OrganizationsPolicy;
  public readonly attachments: OrganizationsPolicyAttachment[];

  constructor(scope: Construct, id: string, props: ServiceControlPolicyProps) {
    super(scope, id);
    assertAllValid(scpPropsIssues(props), `Invalid service control policy ${this.node.path}`);
    this.policyName = props.policyName;
    this.document = policyDocument(props.statements.map((s) => withBreakGlassExemption(s, props.breakGlassRolePattern)));
    this.content = renderPolicy(this.document);
    this.size = scpSize(this.document);
    this.resource = new OrganizationsPolicy(this, 'policy', {
      name: props.policyName,
      description: props.description,
      type: 'SERVICE_CONTROL_POLICY',
      content: this.content,
      dependsOn: props.dependsOn,
    });
    this.policyId = this.resource.id;
    this.attachments = props.targetIds.map(
      (targetId, i) =>
        new OrganizationsPolicyAttachment(this, Token.isUnresolved(targetId) ? `attachment-${i}` : `attachment-${targetId}`, {
          policyId: this.resource.id,
          targetId,
        }),
    );
    if (!Token.isUnresolved(this.content) && this.size > SCP_MAX_CHARACTERS) {
      failSynth(this, `[SCP_SIZE] service control policy ${props.policyName} is ${this.size} characters; AWS Organizations allows at most ${SCP_MAX_CHARACTERS} (minified JSON, whitespace excluded)`);
    }
  }
}
