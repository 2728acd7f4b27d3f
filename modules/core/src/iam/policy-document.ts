/**
 * The one IAM policy model of the catalogue: key policies, bucket and topic policies, trust
 * policies, identity policies and service control policies are all built from these types.
 * Keys are IAM's own (PascalCase), so a document renders to exactly what AWS reads. Values may
 * hold cdktf string tokens: the document is rendered with JSON.stringify and cdktf resolves the
 * tokens inside the string at synth.
 */

/** Condition block: operator → context key → value(s), e.g. `{ StringEquals: { 'aws:SourceAccount': '111122223333' } }`. */
export type PolicyConditions = Record<string, Record<string, string | readonly string[]>>;

/** A statement's principal: `*` (anyone) or principal type (`AWS`, `Service`, `Federated`, ...) → id(s). */
export type PolicyPrincipal = '*' | Readonly<Record<string, string | readonly string[]>>;

/** One statement of an IAM policy, a key policy or a resource policy. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly NotPrincipal?: PolicyPrincipal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: PolicyConditions;
}

/** A policy document (version 2012-10-17). */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** A document from statements. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * A document (or the document of a statement list) as minified JSON: no whitespace outside
 * string values. This is the text written to Terraform and the text AWS measures against its
 * size quotas.
 */
export function renderPolicy(document: PolicyDocument | readonly PolicyStatement[]): string {
  return JSON.stringify(isStatementList(document) ? policyDocument(document) : document);
}

function isStatementList(value: PolicyDocument | readonly PolicyStatement[]): value is readonly PolicyStatement[] {
  return Array.isArray(value);
}

/** Characters AWS counts for a policy: the minified JSON's length (whitespace excluded). */
export function policySize(document: PolicyDocument): number {
  return renderPolicy(document).length;
}

/** Size quota of a customer-managed IAM policy, in characters (whitespace excluded). */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/** A trust policy that lets one AWS service assume a role, optionally under conditions. */
export function serviceTrustPolicy(service: string, condition?: PolicyConditions): PolicyDocument {
  return policyDocument([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]);
}

/** A statement that denies every request to a resource that is not made over TLS (`aws:SecureTransport` false). */
export function denyInsecureTransport(action: string, resource: string | readonly string[]): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resource,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
