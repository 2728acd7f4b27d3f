import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { looksLikeSecretValue, SECRET_NAME } from '../secrets/secret-patterns';
import { containerDefinitions } from './containers';

/** Secrets reach containers through `secrets` (valueFrom), never through plain environment variables. */
export const ecsNoSecretEnvVars: PolicyRule = {
  id: 'ecs-no-secret-env-vars',
  title: 'ECS container environment variables carry no secret-looking names or values',
  area: 'ecs',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['ECS.8'] },
  hint: 'move the value to Secrets Manager or a SecureString parameter and reference it under "secrets" with valueFrom',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task: PolicyResource, _ctx: StackContext) {
    const containers = containerDefinitions(task) ?? [];
    const found: RuleOutcome[] = [];
    containers.forEach((c, i) => {
      const cname = typeof c.name === 'string' ? c.name : `container-${i}`;
      for (const env of Array.isArray(c.environment) ? c.environment : []) {
        const shaped = looksLikeSecretValue(env?.value);
        if (shaped) found.push(violation(`container ${cname} variable ${env.name} holds ${shaped}`, { finding: `${cname}/${env.name}` }));
        else if (typeof env?.name === 'string' && SECRET_NAME.test(env.name)) found.push(violation(`container ${cname} variable ${env.name} looks like a secret`, { finding: `${cname}/${env.name}` }));
      }
    });
    return outcomes(found);
  },
};
