import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Static dummy credentials moto accepts; they map to moto's default account 123456789012. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

/**
 * A `SecretsManagerClient` for seeding and inspecting moto, with dummy static credentials unless
 * given others (an IAM user's keys once moto enforces IAM).
 *
 * Secrets created through it land in account 123456789012, which is also the account moto
 * gives to credentials from `AssumeRoleWithWebIdentity` on a role in that account.
 */
export function secretsClient(
  endpoint: string,
  region = 'us-east-1',
  credentials: { accessKeyId: string; secretAccessKey: string } = DUMMY_CREDENTIALS,
): SecretsManagerClient {
  return new SecretsManagerClient({ endpoint, region, credentials });
}

/** One secret to create with {@link createSecrets}. */
export interface SeedSecret {
  /** Secret name, e.g. `prod/db`. */
  name: string;
  /** `SecretString`. */
  value?: string;
  /** `SecretBinary`. With neither `value` nor `binary`, the secret is created without a version. */
  binary?: Uint8Array;
  /** Region; `us-east-1` by default. */
  region?: string;
}

const SEED_CONCURRENCY = 10;

/**
 * Creates `secrets` in moto through the real SDK, at most ten at a time, and returns their
 * ARNs by name.
 *
 * @throws Error naming the secret that could not be created.
 * @example
 * ```ts
 * const arns = await createSecrets(moto.endpoint, [{ name: 'prod/db', value: '{"password":"pw-1"}' }]);
 * arns['prod/db']; // 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf'
 * ```
 */
export async function createSecrets(endpoint: string, secrets: readonly SeedSecret[]): Promise<Record<string, string>> {
  const clients = new Map<string, SecretsManagerClient>();
  const clientFor = (region: string): SecretsManagerClient => {
    let client = clients.get(region);
    if (client === undefined) {
      client = secretsClient(endpoint, region);
      clients.set(region, client);
    }
    return client;
  };
  const arns: Record<string, string> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < secrets.length) {
      const secret = secrets[next++]!;
      try {
        const created = await clientFor(secret.region ?? 'us-east-1').send(
          new CreateSecretCommand({
            Name: secret.name,
            ...(secret.value === undefined ? {} : { SecretString: secret.value }),
            ...(secret.binary === undefined ? {} : { SecretBinary: secret.binary }),
          }),
        );
        if (created.ARN === undefined) throw new Error('CreateSecret returned no ARN');
        arns[secret.name] = created.ARN;
      } catch (error) {
        throw new Error(`Failed to seed secret '${secret.name}': ${String(error)}`, { cause: error });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(SEED_CONCURRENCY, secrets.length) }, worker));
  } finally {
    for (const client of clients.values()) client.destroy();
  }
  return arns;
}
