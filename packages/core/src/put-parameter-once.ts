import { awsErrorCode } from './errors.js';
import { GetParameterCommand, PutParameterCommand, type PutParameterCommandInput, type PutParameterCommandOutput, type SSMClient } from '@aws-sdk/client-ssm';

/** Sends of one PutParameter at most; the SDK's backoff runs between them. */
export const PUT_PARAMETER_SENDS = 3;

/** Thrown on the SDK's second attempt of a guarded PutParameter, instead of sending it: the first may have written. */
class PutOutcomeUnknown extends Error {
  override readonly name = 'PutOutcomeUnknown';
}

/**
 * A PutParameter the SDK cannot resend on its own. The SDK retries a call
 * whose answer was lost (a reset connection, a timeout, a 5xx, a cut-short
 * 200), but PutParameter takes no idempotency token: a resent write that had
 * already landed adds a second version. The guard sits inside the SDK's retry
 * loop (after its backoff) and stops the second attempt, keeping the first
 * attempt's error as the cause.
 */
function guardedPut(input: PutParameterCommandInput): PutParameterCommand {
  const command = new PutParameterCommand(input);
  let attempts = 0;
  let firstError: unknown;
  command.middlewareStack.add(
    (next) => async (args) => {
      attempts++;
      if (attempts > 1) throw new PutOutcomeUnknown('PutParameter was not resent: the first attempt may have written', { cause: firstError });
      try {
        return await next(args);
      } catch (error) {
        firstError = error;
        throw error;
      }
    },
    // Low priority in finalizeRequest: inside the retry middleware (high), so it sees each attempt.
    { step: 'finalizeRequest', priority: 'low', name: 'putParameterAtMostOnce' },
  );
  return command;
}

/**
 * Writes a parameter version at most once for one intent. When an attempt's
 * outcome is unknown, the parameter is read back (decrypted): if it now holds
 * `input.Value` in a version above `versionBefore` (0 for a missing
 * parameter), that write is the result; otherwise the write is sent again, up
 * to {@link PUT_PARAMETER_SENDS} sends. A definite failure (denied, invalid)
 * is thrown as the SDK threw it; after the last send, the last attempt's
 * error is thrown.
 */
export async function putParameterOnce(client: SSMClient, input: PutParameterCommandInput, versionBefore: number): Promise<Pick<PutParameterCommandOutput, 'Version'>> {
  let lastError: unknown;
  for (let send = 1; send <= PUT_PARAMETER_SENDS; send++) {
    try {
      const output = await client.send(guardedPut(input));
      return { Version: output.Version };
    } catch (error) {
      if (!(error instanceof PutOutcomeUnknown)) throw error;
      lastError = error.cause;
    }
    const { Parameter: now } = await client.send(new GetParameterCommand({ Name: input.Name, WithDecryption: true })).catch((error: unknown) => {
      if (awsErrorCode(error) === 'ParameterNotFound') return { Parameter: undefined };
      throw error;
    });
    if (now !== undefined && now.Value === input.Value && (now.Version ?? 0) > versionBefore) return { Version: now.Version };
  }
  throw lastError;
}
