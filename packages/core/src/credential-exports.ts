import type { AwsCredentialIdentity } from '@smithy/types';

/** One variable of `export-credentials`; `secret` ones are masked before export. */
export interface CredentialVariable {
  readonly name: string;
  readonly value: string;
  readonly secret: boolean;
}

/**
 * The variables that hand assumed credentials to later steps, named as the
 * SDKs and the AWS CLI read them (and as configure-aws-credentials sets them).
 */
export function credentialVariables(credentials: AwsCredentialIdentity, region: string | undefined): CredentialVariable[] {
  return [
    // The key id is not a secret, but masking it keeps account ids and key ids out of logs, as configure-aws-credentials does.
    { name: 'AWS_ACCESS_KEY_ID', value: credentials.accessKeyId, secret: true },
    { name: 'AWS_SECRET_ACCESS_KEY', value: credentials.secretAccessKey, secret: true },
    ...(credentials.sessionToken === undefined ? [] : [{ name: 'AWS_SESSION_TOKEN', value: credentials.sessionToken, secret: true }]),
    ...(region === undefined
      ? []
      : [
          { name: 'AWS_REGION', value: region, secret: false },
          { name: 'AWS_DEFAULT_REGION', value: region, secret: false },
        ]),
  ];
}

/** The two runner commands {@link exportCredentials} needs (`core.setSecret`, `core.exportVariable`). */
export interface CredentialExportRunner {
  readonly setSecret: (value: string) => void;
  readonly exportVariable: (name: string, value: string) => void;
}

/**
 * Hands assumed credentials to later steps: every secret one is masked
 * before any is exported, since a value the runner has not registered would
 * show in every later step's env header.
 */
export function exportCredentials(credentials: AwsCredentialIdentity, region: string | undefined, runner: CredentialExportRunner): void {
  const variables = credentialVariables(credentials, region);
  for (const variable of variables) if (variable.secret) runner.setSecret(variable.value);
  for (const variable of variables) runner.exportVariable(variable.name, variable.value);
}
