import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/** What a resource will look like in cdk.tf.json: type, logical name and snake_case attributes (overrides applied). */
export interface SynthesizedResource {
  readonly type: string;
  readonly name: string;
  /** `type.name`, the Terraform address inside its stack. */
  readonly address: string;
  readonly attributes: Record<string, unknown>;
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Renders one resource as Terraform JSON would hold it. Tokens stay as `${...}` strings. */
export function synthesizeResource(resource: TerraformResource): SynthesizedResource {
  const json = Tokenization.resolve(resource.toTerraform(), { scope: TerraformStack.of(resource), preparing: false, resolver: RESOLVER }) as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
  };
  const byType = json.resource ?? {};
  const type = Object.keys(byType)[0] ?? resource.terraformResourceType;
  const name = Object.keys(byType[type] ?? {})[0] ?? resource.friendlyUniqueId;
  return { type, name, address: `${type}.${name}`, attributes: byType[type]?.[name] ?? {} };
}

/** Every Terraform resource (not data source) below a scope. */
export function resourcesOf(scope: IConstruct): TerraformResource[] {
  return scope.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
}
