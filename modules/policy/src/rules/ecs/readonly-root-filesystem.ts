import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, violation } from '../../types';
import { eachContainer } from './containers';

/** Containers cannot write to their root filesystem. */
export const ecsReadonlyRootFilesystem: PolicyRule = {
  id: 'ecs-readonly-root-filesystem',
  title: 'ECS containers have a read-only root filesystem',
  area: 'ecs',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['ECS.5'], checkov: ['CKV_AWS_336'] },
  hint: 'set "readonlyRootFilesystem": true and mount a volume for scratch space',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task: PolicyResource, _ctx: StackContext) {
    return outcomes(eachContainer(task, (c, name) => (c.readonlyRootFilesystem === true ? undefined : violation(`container ${name} has a writable root filesystem`, { finding: name }))));
  },
};
