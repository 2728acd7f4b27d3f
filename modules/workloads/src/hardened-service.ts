import { ITerraformDependable } from 'cdktf';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ISecurityGroupTiers, ITieredNetwork, RampartValidationError, assertValid, isUnresolved, reportOptOut, validateIntegerRange, renderPolicy } from '@rampart/core';
import { Construct } from 'constructs';
import { HardenedTaskDefinition } from './hardened-task-definition';

/** Where a service registers its tasks: a target group and what must exist first (the listener). */
export interface ServiceLoadBalancerTarget {
  readonly targetGroupArn: string;
  /** Resources the service must wait for, typically the listener that forwards to the target group. */
  readonly dependsOn?: ITerraformDependable[];
}

/** Properties of a {@link HardenedService}. */
export interface HardenedServiceProps {
  /** Service name: letters, digits, hyphens, underscores (1-255). */
  readonly name: string;
  /** Cluster ARN (or name). */
  readonly cluster: string;
  readonly taskDefinition: HardenedTaskDefinition;
  /** Tasks run in this network's app subnets. */
  readonly network: ITieredNetwork;
  /** Tasks get the app-tier security group, and only that one. */
  readonly securityGroups: ISecurityGroupTiers;
  /** @default 2 */
  readonly desiredCount?: number;
  /** Register tasks with a load balancer target group (the task definition's first port-mapped container). @default - none */
  readonly loadBalancer?: ServiceLoadBalancerTarget;
  /** @default 60 when a load balancer is set */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Fargate platform version. @default 'LATEST' */
  readonly platformVersion?: string;
  /** Must be false or unset: tasks never get a public IP (`PUBLIC_IP`). @default false */
  readonly assignPublicIp?: boolean;
  /**
   * Opt-out: allow ECS Exec (an interactive shell into running tasks). Reported as
   * `workloads.ecs-exec-enabled`; requires `enableExecuteCommandReason`. The root filesystem
   * stays read-only: the task definition's containers get the ECS Exec agent's directories
   * (`ECS_EXEC_WRITABLE_PATHS`) as writable ephemeral volumes.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /** Why ECS Exec is needed (at least 10 characters). @default - none */
  readonly enableExecuteCommandReason?: string;
}

/**
 * A Fargate service in the app subnets with the app security group and no public IP, rolling
 * back a failed deployment automatically, propagating the service's tags to its tasks.
 */
export class HardenedService extends Construct {
  public readonly serviceName: string;
  public readonly serviceId: string;
  /** Escape hatch: the provider resource. */
  public readonly resource: EcsService;

  constructor(scope: Construct, id: string, props: HardenedServiceProps) {
    super(scope, id);
    const desiredCount = props.desiredCount ?? 2;
    const execute = props.enableExecuteCommand ?? false;

    if (typeof props.name !== 'string' || (!isUnresolved(props.name) && !/^[A-Za-z0-9_-]{1,255}$/.test(props.name))) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be 1-255 letters, digits, hyphens or underscores' });
    }
    if (props.assignPublicIp === true) {
      throw new RampartValidationError({ code: 'PUBLIC_IP', path: 'assignPublicIp', value: true, rule: 'tasks run in private app subnets without a public IP' });
    }
    assertValid(validateIntegerRange('desiredCount', desiredCount, 0, 1000));
    if (props.healthCheckGracePeriodSeconds !== undefined) assertValid(validateIntegerRange('healthCheckGracePeriodSeconds', props.healthCheckGracePeriodSeconds, 0, 2147483647));
    const subnets = props.network.subnetIds('app');
    if (!isUnresolved(subnets) && subnets.length === 0) {
      throw new RampartValidationError({ code: 'REQUIRED', path: 'network', value: [], rule: 'the network has no app subnets to run tasks in' });
    }
    if (execute && (props.enableExecuteCommandReason ?? '').trim().length < 10) {
      throw new RampartValidationError({
        code: 'REASON_REQUIRED',
        path: 'enableExecuteCommandReason',
        value: props.enableExecuteCommandReason,
        rule: 'enabling ECS Exec needs a reason of at least 10 characters',
      });
    }
    const target = props.loadBalancer ? props.taskDefinition.defaultContainer : undefined;
    if (props.loadBalancer && !target) {
      throw new RampartValidationError({ code: 'REQUIRED', path: 'taskDefinition', value: props.taskDefinition.family, rule: 'a load-balanced service needs a container with containerPort' });
    }

    this.resource = new EcsService(this, 'service', {
      name: props.name,
      cluster: props.cluster,
      taskDefinition: props.taskDefinition.taskDefinitionArn,
      launchType: 'FARGATE',
      platformVersion: props.platformVersion ?? 'LATEST',
      desiredCount,
      networkConfiguration: {
        subnets,
        securityGroups: [props.securityGroups.appSecurityGroupId],
        assignPublicIp: false,
      },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      enableEcsManagedTags: true,
      propagateTags: 'SERVICE',
      enableExecuteCommand: execute,
      ...(props.loadBalancer && target
        ? {
            loadBalancer: [{ targetGroupArn: props.loadBalancer.targetGroupArn, containerName: target.name, containerPort: target.containerPort }],
            healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? 60,
            dependsOn: props.loadBalancer.dependsOn,
          }
        : {}),
    });
    if (execute) {
      // The ECS Exec agent needs its own writable directories; the root filesystem stays read-only.
      props.taskDefinition.addExecuteCommandPaths();
      // ECS Exec opens its session channels through SSM Messages; these actions have no resource-level scope.
      new IamRolePolicy(this, 'exec-policy', {
        role: props.taskDefinition.taskRole.roleName,
        name: 'ecs-exec-channels',
        policy: renderPolicy([
          {
            Sid: 'EcsExecChannels',
            Effect: 'Allow',
            Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
            Resource: '*',
          },
        ]),
      });
      reportOptOut(this, {
        id: 'workloads.ecs-exec-enabled',
        message: `service ${props.name} allows ECS Exec: operators can open a shell in running tasks`,
        reason: props.enableExecuteCommandReason,
      });
    }
    this.serviceName = this.resource.name;
    this.serviceId = this.resource.id;
  }
}
