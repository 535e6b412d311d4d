import { ListSecretVersionIdsCommand, UpdateSecretVersionStageCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AWSPENDING, rotationCallError } from './rotation-state.js';

/**
 * A duration for people: seconds under two minutes, then minutes, hours, days.
 *
 * @example
 * formatAge(45_000)      // '45 s'
 * formatAge(5_400_000)   // '90 min'
 * formatAge(259_200_000) // '3 days'
 */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 180) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 72) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/**
 * When a version was created, from ListSecretVersionIds (every page,
 * deprecated versions included). Undefined when it is not listed.
 */
export async function versionCreatedDate(client: SecretsManagerClient, secretId: string, versionId: string): Promise<Date | undefined> {
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await client.send(
        new ListSecretVersionIdsCommand({ SecretId: secretId, IncludeDeprecated: true, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }),
      );
    } catch (error) {
      throw rotationCallError('ListSecretVersionIds', secretId, error);
    }
    const version = page.Versions?.find((candidate) => candidate.VersionId === versionId);
    if (version !== undefined) return version.CreatedDate;
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return undefined;
}

/**
 * Removes the AWSPENDING label from `versionId` (UpdateSecretVersionStage
 * with RemoveFromVersionId, which AWS refuses if that version no longer holds
 * it). Only ever AWSPENDING: AWSCURRENT is never touched.
 */
export async function removePendingLabel(client: SecretsManagerClient, secretId: string, versionId: string): Promise<void> {
  try {
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: AWSPENDING, RemoveFromVersionId: versionId }));
  } catch (error) {
    throw rotationCallError('UpdateSecretVersionStage', secretId, error);
  }
}
