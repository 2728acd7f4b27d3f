/** Reads key policies out of a synthesised stack's Terraform JSON. */

interface Statement {
  Effect?: string;
  Principal?: { Service?: string | string[] } | string;
  Action?: string | string[];
}

function statementsOf(json: any, policy: unknown): Statement[] {
  if (typeof policy !== 'string') return [];
  const doc = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(policy);
  if (doc) {
    // A policy-document data source: translate its statements.
    const data = json.data?.aws_iam_policy_document?.[doc[1]];
    return (data?.statement ?? []).map((s: any) => ({
      Effect: s.effect ?? 'Allow',
      Action: s.actions,
      Principal: { Service: (s.principals ?? []).filter((p: any) => p.type === 'Service').flatMap((p: any) => p.identifiers) },
    }));
  }
  try {
    const parsed = JSON.parse(policy);
    return Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  } catch {
    return [];
  }
}

/**
 * The service principals allowed to use (kms:GenerateDataKey* or kms:Decrypt) the key that a
 * reference such as `${aws_kms_key.k.arn}` names: from the key's own `policy` and from any
 * `aws_kms_key_policy` attached to it.
 */
export function keyPolicyServices(json: any, keyRef: unknown): string[] {
  const m = /^\$\{aws_kms_key\.([^.]+)\.(arn|id|key_id)\}$/.exec(String(keyRef));
  if (!m) throw new Error(`not a reference to an aws_kms_key: ${String(keyRef)}`);
  const key = json.resource?.aws_kms_key?.[m[1]];
  if (!key) throw new Error(`aws_kms_key.${m[1]} is not in the stack`);
  const policies = [key.policy];
  for (const p of Object.values((json.resource?.aws_kms_key_policy ?? {}) as Record<string, any>)) {
    if (new RegExp(`^\\$\\{aws_kms_key\\.${m[1]}\\.(arn|id|key_id)\\}$`).test(String(p.key_id))) policies.push(p.policy);
  }
  const services = new Set<string>();
  for (const s of policies.flatMap((p) => statementsOf(json, p))) {
    const actions = ([] as string[]).concat(s.Action ?? []);
    if (s.Effect !== 'Allow' || !actions.some((a) => a === 'kms:*' || a.startsWith('kms:GenerateDataKey') || a === 'kms:Decrypt')) continue;
    const principal = typeof s.Principal === 'object' ? s.Principal.Service : undefined;
    for (const svc of ([] as string[]).concat(principal ?? [])) services.add(svc);
  }
  return [...services].sort();
}
