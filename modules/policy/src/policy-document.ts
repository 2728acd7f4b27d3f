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
