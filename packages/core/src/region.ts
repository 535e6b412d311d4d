import type { Arn } from './arn.js';
import type { SecretReference } from './references.js';

/**
 * The region for STS and for references by name: the `aws-region` input,
 * else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the region of the first
 * reference given by ARN (a secret or a parameter). Undefined when none of these is known.
 */
export function resolveDefaultRegion(
  regionInput: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  references: readonly SecretReference[],
): string | undefined {
  const fromEnv = [regionInput, env['AWS_REGION'], env['AWS_DEFAULT_REGION']].find((region) => region !== undefined && region !== '');
  if (fromEnv !== undefined) return fromEnv;
  for (const reference of references) {
    const arn = arnOf(reference);
    if (arn !== undefined) return arn.region;
  }
  return undefined;
}

/** The region a reference is fetched from: its ARN's region, else the default. */
export function regionOfReference(reference: SecretReference, defaultRegion: string | undefined): string | undefined {
  return arnOf(reference)?.region ?? defaultRegion;
}

function arnOf(reference: SecretReference): Arn | undefined {
  const { target } = reference;
  return target.kind === 'secret' || target.kind === 'parameter' ? target.arn : undefined;
}

/** The default OIDC audience for STS in a region: China regions use their own. */
export function defaultAudience(region: string | undefined): string {
  return region?.startsWith('cn-') === true ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
}
