import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, violation } from '../../types';
import { eachContainer } from './containers';

/** No container runs privileged. */
export const ecsNotPrivileged: PolicyRule = {
  id: 'ecs-not-privileged',
  title: 'ECS containers are not privileged (never suppressible)',
  area: 'ecs',
  severity: 'critical',
  suppressible: false,
  mappings: { fsbp: ['ECS.4'] },
  hint: 'remove "privileged": true; add only the specific capability a container needs, if any',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task: PolicyResource, _ctx: StackContext) {
    return outcomes(eachContainer(task, (c, name) => (c.privileged === true ? violation(`container ${name} is privileged`, { finding: name }) : undefined)));
  },
};
