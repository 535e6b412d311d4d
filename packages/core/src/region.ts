import type { SecretReference } from './references.js';

/**
 * The region for STS and for references by name: the `aws-region` input,
 * else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the region of the first
 * reference given by ARN. Undefined when none of these is known.
 */
export function resolveDefaultRegion(
  regionInput: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  references: readonly SecretReference[],
): string | undefined {
  const fromEnv = [regionInput, env['AWS_REGION'], env['AWS_DEFAULT_REGION']].find((region) => region !== undefined && region !== '');
  if (fromEnv !== undefined) return fromEnv;
  for (const reference of references) {
    if (reference.target.kind === 'secret' && reference.target.arn !== undefined) return reference.target.arn.region;
  }
  return undefined;
}

/** The region a reference is fetched from: its ARN's region, else the default. */
export function regionOfReference(reference: SecretReference, defaultRegion: string | undefined): string | undefined {
  return reference.target.kind === 'secret' && reference.target.arn !== undefined ? reference.target.arn.region : defaultRegion;
}

/** The default OIDC audience for STS in a region: China regions use their own. */
export function defaultAudience(region: string | undefined): string {
  return region?.startsWith('cn-') === true ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
}
