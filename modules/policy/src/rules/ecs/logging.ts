import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, violation } from '../../types';
import { eachContainer } from './containers';

/** Every container ships its logs. */
export const ecsLogging: PolicyRule = {
  id: 'ecs-logging',
  title: 'ECS containers have a log configuration',
  area: 'ecs',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['ECS.9'] },
  hint: 'set "logConfiguration" with the awslogs driver and an encrypted log group with retention',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task: PolicyResource, _ctx: StackContext) {
    return outcomes(eachContainer(task, (c, name) => (typeof c.logConfiguration?.logDriver === 'string' ? undefined : violation(`container ${name} has no logConfiguration`, { finding: name }))));
  },
};
