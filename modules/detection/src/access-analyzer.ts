import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { NameParts, assertValid, reportOptOut, resourceName, validateOneOf } from '@rampart/core';

/** Properties of {@link OrganizationAccessAnalyzer}. */
export interface OrganizationAccessAnalyzerProps {
  /** Prefix and environment; the analyzer is `<prefix>-<env>-access-analyzer`. */
  readonly names: NameParts;
  /**
   * Zone of trust. `ORGANIZATION` reports access from outside the organisation to any account's
   * resources (management account or the delegated administrator). Opt-out: `ACCOUNT` reports
   * access from outside this one account only, as `detection.access-analyzer.account-zone`.
   * @default 'ORGANIZATION'
   */
  readonly zoneOfTrust?: 'ORGANIZATION' | 'ACCOUNT';
  /** Resources to wait for, e.g. the delegated-administrator registration. @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/** An IAM Access Analyzer external-access analyzer for the whole organisation. */
export class OrganizationAccessAnalyzer extends Construct {
  public readonly analyzer: AccessanalyzerAnalyzer;

  constructor(scope: Construct, id: string, props: OrganizationAccessAnalyzerProps) {
    super(scope, id);
    const zone = props.zoneOfTrust ?? 'ORGANIZATION';
    assertValid(validateOneOf('zoneOfTrust', zone, ['ORGANIZATION', 'ACCOUNT']));
    if (zone !== 'ORGANIZATION') {
      reportOptOut(this, { id: 'detection.access-analyzer.account-zone', message: 'the access analyzer covers this account only, not the organisation' });
    }
    this.analyzer = new AccessanalyzerAnalyzer(this, 'analyzer', {
      analyzerName: resourceName(props.names, 'access-analyzer'),
      type: zone,
      dependsOn: props.dependsOn,
    });
  }
}
