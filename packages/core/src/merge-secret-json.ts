import { rememberSensitive } from './sensitive-text.js';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsCallError, ConfigurationError, describeAwsError, describeError } from './errors.js';
import { quote } from './log-safe.js';
import { masksForValue } from './masking.js';
import { applyMergePatch, describeJsonKind, hasInexactNumber, isJsonObject, jsonLeafMasks, readJson, type JsonObject } from './merge-json.js';
import type { RetryDeps } from './retry.js';
import { assertWithinLimit, SECRETS_MANAGER_LIMIT } from './secret-size.js';
import {
  createSecret,
  failedCallCode,
  putSecretVersion,
  readSecretStage,
  updateVersionStage,
  type CreateSecretOptions,
  type SecretCallContext,
  type StoredVersion,
} from './secret-versions.js';
import type { WriteResult } from './write-result.js';

/** A JSON object to merge into a secret's current JSON value. */
export interface SecretMergeRequest {
  readonly secretId: string;
  readonly region: string;
  readonly patch: JsonObject;
  /** Write nothing when the merge changes nothing. */
  readonly skipUnchanged: boolean;
  /** How to create a missing secret; undefined: a missing secret is an error. */
  readonly create: CreateSecretOptions | undefined;
  /** The client request token for a merged text (each round may write another text). */
  readonly tokenFor: (text: string) => string;
  /** The staging label of this step's own versions until AWSCURRENT has moved to one. */
  readonly stageLabel: string;
  /** Rounds of read, merge, write, swap; 5 by default. */
  readonly maxAttempts?: number;
}

/** What merging needs besides the client. */
export interface MergeDeps extends RetryDeps {
  /** Registers one string with the runner's masker. */
  readonly mask: (value: string) => void;
  readonly info: (message: string) => void;
  readonly warning: (message: string) => void;
}

const DEFAULT_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 200;
const BACKOFF_MAX_MS = 3000;

/**
 * Merges `patch` into the secret's current JSON object (RFC 7386: keys set,
 * `null` removes, objects merge recursively) without losing a concurrent
 * update. Each round reads AWSCURRENT (value and version id), merges, writes
 * the result as a new version labelled only with this step's own label,
 * then moves AWSCURRENT to it with UpdateSecretVersionStage naming the
 * version that was read in RemoveFromVersionId: a compare-and-swap that
 * fails if another writer moved AWSCURRENT meanwhile. Then it reads, merges
 * and tries again, after a jittered pause, up to `maxAttempts` rounds. The
 * own label is removed at the end, also on failure. Moving AWSCURRENT this
 * way also moves AWSPREVIOUS to the version that was current.
 *
 * A current value that is not a JSON object is refused. A missing secret
 * (or one without a value) is treated as `{}` and created when `create` is
 * given. The merged text is masked before it is written.
 */
export async function mergeSecretJson(request: SecretMergeRequest, client: SecretsManagerClient, deps: MergeDeps): Promise<WriteResult> {
  const context: SecretCallContext = {
    secretId: request.secretId,
    region: request.region,
    createIfMissing: request.create !== undefined,
    withTags: (request.create?.tags.length ?? 0) > 0,
  };
  const maxAttempts = request.maxAttempts ?? DEFAULT_ATTEMPTS;
  const subject = `secret ${quote(request.secretId)} in ${request.region}`;
  /** The version that holds our label, to remove it at the end. */
  let labelled: string | undefined;
  /** The last swap that failed, and the version it expected to replace. */
  let lostSwap: { readonly expected: string; readonly error: unknown } | undefined;

  try {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await deps.sleep(Math.floor(deps.random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 2))));
      const current = await readSecretStage(client, context, 'AWSCURRENT');
      // A swap can fail for other reasons than a race; if AWSCURRENT did not move, retrying would fail the same way.
      if (lostSwap !== undefined && current?.versionId === lostSwap.expected) throw lostSwap.error;
      lostSwap = undefined;

      const base = current === undefined ? {} : currentObject(current, subject);
      // The current value is known now; a failed write's error may quote it inside the merged text.
      for (const leaf of jsonLeafMasks(base)) rememberSensitive(leaf);
      const merged = applyMergePatch(base, request.patch) as JsonObject;
      const text = JSON.stringify(merged);
      if (current !== undefined && request.skipUnchanged && JSON.stringify(base) === text) {
        return { versionId: current.versionId, arn: current.arn, changed: false, created: false, attempts: attempt };
      }
      for (const value of [text, ...jsonLeafMasks(merged)]) {
        for (const mask of masksForValue(value)) {
          rememberSensitive(mask);
          deps.mask(mask);
        }
      }
      assertWithinLimit(`The merged value of ${subject}`, Buffer.byteLength(text, 'utf8'), SECRETS_MANAGER_LIMIT);
      const payload = { kind: 'string', text } as const;
      const token = request.tokenFor(text);

      if (current === undefined) {
        // No secret, or a secret without a value: its first version becomes AWSCURRENT by itself.
        let written;
        try {
          written = await putSecretVersion(client, context, { payload, token, stages: [request.stageLabel] });
        } catch (error) {
          if (failedCallCode(error) !== 'ResourceNotFoundException' || request.create === undefined) throw error;
          const created = await createSecret(client, context, { ...request.create, payload, token });
          if (created !== undefined) return { versionId: created.versionId ?? token, arn: created.arn, changed: true, created: true, attempts: attempt };
          deps.info(`Another writer created ${subject} meanwhile; merging into its value.`);
          continue;
        }
        if (written.stages?.includes(request.stageLabel) !== false) labelled = written.versionId;
        if (written.stages?.includes('AWSCURRENT') !== false) {
          return { versionId: written.versionId, arn: written.arn, changed: true, created: false, attempts: attempt };
        }
        deps.info(`Another writer gave ${subject} its first value meanwhile; merging into it (round ${attempt + 1} of ${maxAttempts}).`);
        continue;
      }

      const written = await putSecretVersion(client, context, { payload, token, stages: [request.stageLabel] });
      // Same token as an earlier round: AWS answers with that version and leaves the label where it is.
      if (written.stages?.includes(request.stageLabel) !== false) labelled = written.versionId;
      try {
        await updateVersionStage(client, context, { stage: 'AWSCURRENT', moveTo: written.versionId, removeFrom: current.versionId });
        return { versionId: written.versionId, arn: written.arn, changed: true, created: false, attempts: attempt };
      } catch (error) {
        const code = failedCallCode(error);
        if (code !== 'InvalidParameterException' && code !== 'InvalidRequestException') throw error;
        lostSwap = { expected: current.versionId, error };
        if (attempt < maxAttempts) deps.info(`AWSCURRENT of ${subject} moved while merging (another writer); reading it again (round ${attempt + 1} of ${maxAttempts}).`);
      }
    }
    throw new AwsCallError(
      'UpdateSecretVersionStage',
      `Could not merge into ${subject}: other writers moved AWSCURRENT during each of ${maxAttempts} rounds, so no merged version was made current.`,
      { cause: lostSwap?.error, hints: ['Run the step again when the other writers are done; every round re-reads the current value, so nothing is lost.'] },
    );
  } finally {
    if (labelled !== undefined) await removeLabel(client, context, request.stageLabel, labelled, deps);
  }
}

function currentObject(current: StoredVersion, subject: string): JsonObject {
  const fail = (problem: string): never => {
    throw new ConfigurationError(`merge-json needs the current value of ${subject} (version ${current.versionId}) to be a JSON object, but ${problem}. Replace it with secret-string first.`);
  };
  if (current.payload?.kind !== 'string') return fail('it holds binary data');
  const reading = readJson(current.payload.text);
  if (!reading.ok) return fail('it is not valid JSON');
  if (!isJsonObject(reading.value)) return fail(`it is ${describeJsonKind(reading.value)}`);
  if (hasInexactNumber(current.payload.text)) return fail('it has a number with more digits than JavaScript can hold, which merging would change');
  return reading.value;
}

async function removeLabel(client: SecretsManagerClient, context: SecretCallContext, label: string, versionId: string, deps: MergeDeps): Promise<void> {
  try {
    await updateVersionStage(client, context, { stage: label, removeFrom: versionId });
  } catch (error) {
    const reason = error instanceof AwsCallError ? describeAwsError(error.cause) : describeError(error);
    deps.warning(
      `Could not remove the staging label ${quote(label)} from version ${versionId} of secret ${quote(context.secretId)}: ${reason}. ` +
        `Remove it with: aws secretsmanager update-secret-version-stage --secret-id ${context.secretId} --version-stage ${label} --remove-from-version-id ${versionId} --region ${context.region}`,
    );
  }
}
