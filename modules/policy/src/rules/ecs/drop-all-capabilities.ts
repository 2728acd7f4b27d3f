import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, violation } from '../../types';
import { eachContainer } from './containers';

/** Containers drop every Linux capability and add none back. */
export const ecsDropAllCapabilities: PolicyRule = {
  id: 'ecs-drop-all-capabilities',
  title: 'ECS containers drop ALL Linux capabilities and add none',
  area: 'ecs',
  severity: 'medium',
  suppressible: true,
  mappings: {},
  hint: 'set "linuxParameters": { "capabilities": { "drop": ["ALL"] } } with no "add"',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task: PolicyResource, _ctx: StackContext) {
    return outcomes(
      eachContainer(task, (c, name) => {
        const caps = c.linuxParameters?.capabilities ?? {};
        const drop: unknown[] = Array.isArray(caps.drop) ? caps.drop : [];
        const add: unknown[] = Array.isArray(caps.add) ? caps.add : [];
        if (!drop.some((d) => String(d).toUpperCase() === 'ALL')) return violation(`container ${name} does not drop ALL capabilities`, { finding: name });
        if (add.length > 0) return violation(`container ${name} adds capabilities ${add.join(', ')}`, { finding: name });
        return undefined;
      }),
    );
  },
};
