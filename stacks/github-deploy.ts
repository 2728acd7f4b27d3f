import { Construct } from 'constructs';
import { NameParts, resourceName } from '@rampart/core';
import { policyDocument } from '@rampart/core';
import { GithubOidcDeployRole, GithubOidcProvider, githubEnvironmentSubject } from '@rampart/identity';
import { EnvironmentConfig, GithubConfig } from '../config/types';

/**
 * The environment's CI entry point: the account's GitHub OIDC provider and a deploy role that only
 * jobs of `repo:<owner>/<repo>:environment:<env>` can assume, for at most an hour. The role may
 * only assume the environment's deploy role (the one the stack's provider uses).
 */
export function addGithubDeployRole(scope: Construct, names: NameParts, env: EnvironmentConfig, github: GithubConfig): GithubOidcDeployRole {
  const provider = new GithubOidcProvider(scope, 'github-oidc');
  return new GithubOidcDeployRole(scope, 'github-deploy', {
    roleName: resourceName(names, 'github-deploy'),
    provider,
    subjects: [githubEnvironmentSubject(github, env.githubEnvironment ?? env.name)],
    inlinePolicies: {
      'assume-deploy-role': policyDocument([{ Sid: 'AssumeEnvironmentDeployRole', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: env.deployRoleArn }]),
    },
  });
}
