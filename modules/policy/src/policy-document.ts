/** One IAM condition: operator, key and values. */
export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** One principal entry: `*` (anyone), or a type (AWS, Service, Federated, CanonicalUser) with ids. */
export interface PolicyPrincipal {
  readonly type: string;
  readonly identifiers: readonly string[];
}

/** One statement, normalised from IAM JSON or from an aws_iam_policy_document data source. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  /** Empty when the statement has no Principal element (identity policies). */
  readonly principals: readonly PolicyPrincipal[];
  readonly notPrincipals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string') as string[];
}

function principalsFromJson(value: unknown): PolicyPrincipal[] {
  if (value === undefined) return [];
  if (value === '*') return [{ type: '*', identifiers: ['*'] }];
  if (value && typeof value === 'object') {
    return Object.keys(value as object)
      .sort()
      .map((type) => ({ type, identifiers: list((value as Record<string, unknown>)[type]) }));
  }
  return [];
}

function conditionsFromJson(value: unknown): PolicyCondition[] {
  const out: PolicyCondition[] = [];
  if (!value || typeof value !== 'object') return out;
  for (const test of Object.keys(value as object)) {
    const byKey = (value as Record<string, unknown>)[test];
    if (!byKey || typeof byKey !== 'object') continue;
    for (const variable of Object.keys(byKey as object)) {
      out.push({ test, variable, values: list((byKey as Record<string, unknown>)[variable]).concat(typeof (byKey as any)[variable] === 'boolean' ? [String((byKey as any)[variable])] : []) });
    }
  }
  return out;
}

function fromJsonStatement(s: Record<string, any>): PolicyStatement {
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    principals: principalsFromJson(s.Principal),
    notPrincipals: principalsFromJson(s.NotPrincipal),
    conditions: conditionsFromJson(s.Condition),
  };
}

function fromDataSourceStatement(s: Record<string, any>): PolicyStatement {
  const principals = (v: unknown): PolicyPrincipal[] =>
    (Array.isArray(v) ? v : v ? [v] : []).map((p: any) => (p.type === '*' ? { type: '*', identifiers: ['*'] } : { type: String(p.type), identifiers: list(p.identifiers) }));
  const conditions = (Array.isArray(s.condition) ? s.condition : s.condition ? [s.condition] : []).map((c: any) => ({
    test: String(c.test),
    variable: String(c.variable),
    values: list(c.values),
  }));
  return {
    sid: typeof s.sid === 'string' ? s.sid : undefined,
    effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.actions),
    notActions: list(s.not_actions),
    resources: list(s.resources),
    principals: principals(s.principals),
    notPrincipals: principals(s.not_principals),
    conditions,
  };
}

/**
 * Normalises a policy document. `fromDataSource` reads the attributes of an
 * aws_iam_policy_document data source; otherwise the value is IAM JSON (string or object).
 * Returns undefined when the value cannot be read (for example an HCL expression).
 */
export function parsePolicyDocument(value: unknown, fromDataSource: boolean): PolicyDocument | undefined {
  if (fromDataSource) {
    const attrs = value as Record<string, any>;
    const statements = Array.isArray(attrs.statement) ? attrs.statement : attrs.statement ? [attrs.statement] : [];
    return { statements: statements.map(fromDataSourceStatement) };
  }
  let doc: unknown = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!doc || typeof doc !== 'object') return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  return { statements: statements.map((s) => fromJsonStatement(s as Record<string, any>)) };
}

/** True when the principal list admits anyone (`*` or `{"AWS": "*"}`). */
export function admitsAnyone(principals: readonly PolicyPrincipal[]): boolean {
  return principals.some((p) => (p.type === '*' || p.type === 'AWS') && p.identifiers.includes('*'));
}

/** True when an action pattern covers every action of every service. */
export function isAllActions(action: string): boolean {
  return action === '*' || action === '*:*';
}

/** Case-insensitive lookup of a condition by key (and optionally operator). */
export function findCondition(statement: PolicyStatement, variable: string, tests?: readonly string[]): PolicyCondition | undefined {
  return statement.conditions.find((c) => c.variable.toLowerCase() === variable.toLowerCase() && (!tests || tests.includes(c.test)));
}

/** Condition keys that, with a positive operator and a literal value, restrict who the statement admits. */
const PRINCIPAL_KEYS: ReadonlyArray<{ key: string; kind: 'arn' | 'account' | 'id' | 'cidr' }> = [
  { key: 'aws:sourceip', kind: 'cidr' },
  { key: 'aws:principalarn', kind: 'arn' },
  { key: 'aws:sourcearn', kind: 'arn' },
  { key: 'aws:principalaccount', kind: 'account' },
  { key: 'aws:sourceaccount', kind: 'account' },
  { key: 'aws:sourceowner', kind: 'account' },
  { key: 'aws:resourceaccount', kind: 'account' },
  { key: 'kms:calleraccount', kind: 'account' },
  { key: 'aws:principalorgid', kind: 'id' },
  { key: 'aws:principalorgpaths', kind: 'id' },
  { key: 'aws:sourceorgid', kind: 'id' },
  { key: 'aws:sourceorgpaths', kind: 'id' },
  { key: 'aws:sourcevpc', kind: 'id' },
  { key: 'aws:sourcevpce', kind: 'id' },
  { key: 'aws:userid', kind: 'id' },
  { key: 'aws:username', kind: 'id' },
  { key: 'aws:principalservicename', kind: 'id' },
  { key: 'kms:viaservice', kind: 'id' },
];

/** Operators that admit only the listed values (not negations, not Null/Bool tests). */
function isPositiveOperator(test: string): boolean {
  const t = test.replace(/^(ForAnyValue|ForAllValues):/i, '').replace(/IfExists$/i, '');
  return /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/i.test(t);
}

const WILD = /[*?]/;

/** True when one condition value is specific: no wildcard in an id or account, no wildcard account in an ARN. */
function isSpecificValue(value: string, kind: 'arn' | 'account' | 'id' | 'cidr'): boolean {
  if (value.length === 0) return false;
  if (kind === 'cidr') {
    // as S3 judges "public": an IPv4 range of /8 or narrower, an IPv6 range of /32 or narrower
    const m = /^([0-9a-fA-F:.]+)(?:\/(\d{1,3}))?$/.exec(value.trim());
    if (!m) return value.includes('${') && !WILD.test(value);
    const prefix = m[2] === undefined ? (m[1].includes(':') ? 128 : 32) : Number(m[2]);
    return m[1].includes(':') ? prefix >= 32 : prefix >= 8;
  }
  if (kind === 'arn') {
    const parts = value.split(':');
    if (parts.length < 6 || parts[0] !== 'arn') return !WILD.test(value);
    // arn:partition:service:region:account:resource — the account decides whose principals match
    // (service principals' source ARNs for S3 buckets carry no account; those must be literal)
    const account = parts[4];
    return account.length > 0 ? !WILD.test(account) : !WILD.test(value);
  }
  // an account is twelve digits, or a reference resolved at apply time
  if (kind === 'account') return /^\d{12}$/.test(value) || (value.includes('${') && !WILD.test(value));
  return !WILD.test(value);
}

/**
 * True when the statement's conditions restrict who it admits: some condition on a principal or
 * source key (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn, aws:SourceAccount,
 * aws:SourceVpce, aws:SourceIp, kms:CallerAccount, kms:ViaService ...) with a positive operator and
 * only specific values (an aws:SourceIp range of /8 or narrower for IPv4, /32 or narrower for IPv6). `arn:aws:iam::*:root` under ArnLike, `*` under StringLike, or any condition on other keys
 * (aws:SecureTransport, aws:CurrentTime) narrows nothing.
 */
export function narrowsPrincipals(statement: PolicyStatement): boolean {
  return statement.conditions.some((c) => {
    const key = PRINCIPAL_KEYS.find((k) => k.key === c.variable.toLowerCase());
    return key !== undefined && isPositiveOperator(c.test) && c.values.length > 0 && c.values.every((v) => isSpecificValue(v, key.kind));
  });
}
