import { Construct } from 'constructs';
import { BreakGlassRole, BreakGlassRoleProps } from './break-glass-role';
import { DeveloperRole, DeveloperRoleProps } from './developer-role';
import { GithubOidcDeployRole, GithubOidcDeployRoleProps } from './github-oidc-deploy-role';

/**
 * One factory per persona, each with its session preset: developer 8 h (at most 12 h),
 * CI 1 h (at most 2 h), break-glass 1 h. Every session length is validated to lie between 1 and 12 h.
 */
export class PersonaRoles {
  /** An SSO-assumed developer role (8 h sessions by default). */
  public static developer(scope: Construct, id: string, props: DeveloperRoleProps): DeveloperRole {
    return new DeveloperRole(scope, id, props);
  }

  /** A GitHub Actions OIDC role for CI (1 h sessions by default, at most 2 h). */
  public static ci(scope: Construct, id: string, props: GithubOidcDeployRoleProps): GithubOidcDeployRole {
    return new GithubOidcDeployRole(scope, id, props);
  }

  /** A break-glass administrator role (1 h sessions). */
  public static breakGlass(scope: Construct, id: string, props: BreakGlassRoleProps): BreakGlassRole {
    return new BreakGlassRole(scope, id, props);
  }

  private constructor() {}
}
