import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { Construct } from 'constructs';
import { assertValid, validateAccountId } from '@rampart/core';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, GITHUB_OIDC_URL } from './github';

/** A GitHub Actions OIDC identity provider in IAM. */
export interface IGithubOidcProvider {
  /** Provider ARN (a token when created here). */
  readonly providerArn: string;
}

/**
 * Thumbprints of GitHub's OIDC endpoint certificate chain. IAM now validates GitHub's tokens
 * against its own store of trusted root CAs and ignores these, but older tooling still expects
 * them to be set.
 */
export const GITHUB_OIDC_THUMBPRINTS: readonly string[] = ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'];

/** Properties of {@link GithubOidcProvider}. */
export interface GithubOidcProviderProps {
  /**
   * Certificate thumbprints.
   * @default GITHUB_OIDC_THUMBPRINTS
   */
  readonly thumbprints?: readonly string[];
}

/**
 * The IAM OIDC provider for `token.actions.githubusercontent.com` with the single client id
 * `sts.amazonaws.com`. An account holds at most one provider per URL: create it once per
 * account, or refer to an existing one with {@link GithubOidcProvider.fromAccount}.
 */
export class GithubOidcProvider extends Construct implements IGithubOidcProvider {
  /** A provider that already exists in an account. */
  public static fromAccount(accountId: string, partition = 'aws'): IGithubOidcProvider {
    assertValid(validateAccountId('accountId', accountId));
    return { providerArn: `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}` };
  }

  public readonly providerArn: string;
  public readonly resource: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps = {}) {
    super(scope, id);
    const thumbprints = props.thumbprints ?? GITHUB_OIDC_THUMBPRINTS;
    thumbprints.forEach((t, i) => {
      if (!/^[0-9a-f]{40}$/i.test(t)) assertValid({ code: 'THUMBPRINT', path: `thumbprints[${i}]`, value: t, rule: 'must be a 40-character hex SHA-1 thumbprint' });
    });
    this.resource = new IamOpenidConnectProvider(this, 'provider', {
      url: GITHUB_OIDC_URL,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
      thumbprintList: [...thumbprints],
    });
    this.providerArn = this.resource.arn;
  }
}
