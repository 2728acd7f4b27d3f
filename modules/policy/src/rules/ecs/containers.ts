import { PolicyResource, RuleOutcome, violation } from '../../types';

/** One container definition of a task definition (ECS's camelCase JSON). */
export type ContainerDefinition = Record<string, any>;

/** The container definitions of a task definition, or undefined when they cannot be read at synth. */
export function containerDefinitions(task: PolicyResource): ContainerDefinition[] | undefined {
  const raw = task.attributes.container_definitions;
  if (Array.isArray(raw)) return raw;
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `check` on every container; unreadable definitions fail closed. */
export function eachContainer(task: PolicyResource, check: (c: ContainerDefinition, finding: string) => RuleOutcome | undefined): RuleOutcome[] {
  const containers = containerDefinitions(task);
  if (!containers) {
    return [
      violation('container_definitions cannot be read at synth', { hint: 'render container_definitions with JSON.stringify (tokens inside strings are fine), not an HCL jsonencode expression' }),
    ];
  }
  const out: RuleOutcome[] = [];
  containers.forEach((c, i) => {
    const r = check(c, typeof c.name === 'string' ? c.name : `container-${i}`);
    if (r) out.push(r);
  });
  return out;
}
