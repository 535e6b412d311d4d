/** The claims of a GitHub OIDC token that explain a trust-policy mismatch. */
export interface OidcClaims {
  readonly sub?: string;
  readonly aud?: string;
  readonly repository?: string;
}

/**
 * Reads the payload of a JWT without verifying it, to tell the user which
 * `sub` and `aud` the role's trust policy was shown. The claims are not
 * secret; the token itself is, and is never printed.
 */
export function readOidcClaims(jwt: string): OidcClaims {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const pick = (key: string): string | undefined => {
      const value = claims[key];
      if (typeof value === 'string') return value;
      if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join(', ');
      return undefined;
    };
    return {
      ...optional('sub', pick('sub')),
      ...optional('aud', pick('aud')),
      ...optional('repository', pick('repository')),
    };
  } catch {
    return {};
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
