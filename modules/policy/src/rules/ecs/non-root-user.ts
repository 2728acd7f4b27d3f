import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, violation } from '../../types';
import { eachContainer } from './containers';

/** True when a container `user` value (`uid`, `uid:gid`, `name`) runs as root. */
export function isRootUser(user: unknown): boolean {
  if (typeof user !== 'string' || user.trim().length === 0) return true; // unset: the image decides, usually root
  const who = user.split(':')[0].trim();
  return who === '0' || who.toLowerCase() === 'root';
}

/** Containers run as a non-root user. */
export const ecsNonRootUser: PolicyRule = {
  id: 'ecs-non-root-user',
  title: 'ECS containers run as a non-root user',
  area: 'ecs',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['ECS.1'] },
  hint: 'set "user" to a numeric non-root uid such as "10001:10001" (HardenedTaskDefinition does)',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task: PolicyResource, _ctx: StackContext) {
    return outcomes(
      eachContainer(task, (c, name) => (isRootUser(c.user) ? violation(`container ${name} runs as ${c.user ? `"${c.user}"` : "the image's default user (root)"}`, { finding: name }) : undefined)),
    );
  },
};
