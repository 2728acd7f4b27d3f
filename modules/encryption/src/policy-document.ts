/**
 * A minimal IAM policy document model. Values may hold cdktf string tokens: the document is
 * rendered with JSON.stringify and cdktf resolves the tokens inside the string at synth.
 */

/** Condition block: operator → condition key → value(s). */
export type PolicyConditions = Record<string, Record<string, string | readonly string[]>>;

/** One statement of a key policy or an IAM policy. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] };
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: PolicyConditions;
}

/** A policy document (`Version` 2012-10-17). */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Renders statements as a policy JSON string. */
export function renderPolicy(statements: readonly PolicyStatement[]): string {
  const doc: PolicyDocument = { Version: '2012-10-17', Statement: statements };
  return JSON.stringify(doc);
}
