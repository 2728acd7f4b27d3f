import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';

/** Tasks share no namespace with the host: no host network, process or IPC namespace. */
export const ecsNoHostNamespaces: PolicyRule = {
  id: 'ecs-no-host-namespaces',
  title: 'ECS task definitions share no host namespace (network, pid, ipc)',
  area: 'ecs',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['ECS.3'], checkov: ['CKV_AWS_335'] },
  hint: 'use network_mode "awsvpc" and leave pid_mode and ipc_mode unset (or "task")',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task: PolicyResource, _ctx: StackContext) {
    const found: RuleOutcome[] = [];
    for (const field of ['network_mode', 'pid_mode', 'ipc_mode']) {
      if (task.attributes[field] === 'host') found.push(violation(`${field} is "host"`, { finding: field }));
    }
    return outcomes(found);
  },
};
