/**
 * A small typed model of IAM policy JSON, shared by identity policies, trust policies and the
 * guardrails module's service control policies. Keys are IAM's own (PascalCase), so a document
 * renders to exactly what AWS reads.
 */

/** Condition block: operator → context key → value(s), e.g. `{ StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } }`. */
export type PolicyConditions = Record<string, Record<string, string | readonly string[]>>;

/** One statement of an IAM policy. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Record<string, string | readonly string[]>;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: PolicyConditions;
}

/** An IAM policy document (version 2012-10-17). */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** A document from statements. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The document as minified JSON: no whitespace outside string values. This is the text written
 * to Terraform and the text AWS measures against its size quotas.
 */
export function renderPolicy(document: PolicyDocument): string {
  return JSON.stringify(document);
}

/** Characters AWS counts for a policy: the minified JSON's length (whitespace excluded). */
export function policySize(document: PolicyDocument): number {
  return renderPolicy(document).length;
}

/** Size quota of a customer-managed IAM policy, in characters (whitespace excluded). */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;
