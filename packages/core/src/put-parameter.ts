import { GetParameterCommand, type Parameter, type SSMClient } from '@aws-sdk/client-ssm';
import { AwsCallError, ConfigurationError, awsErrorCode, describeAwsError } from './errors.js';
import { quote } from './log-safe.js';
import { putParameterOnce } from './put-parameter-once.js';
import { DEFAULT_PARAMETER_TYPE, type ParameterTier, type ParameterType } from './parameter-options.js';
import type { Tag } from './tags.js';
import { parameterWriteHints } from './write-hints.js';
import type { WriteResult } from './write-result.js';

/** A new value for a Parameter Store parameter. */
export interface ParameterPutRequest {
  readonly name: string;
  readonly region: string;
  readonly value: string;
  /** Write nothing when the parameter already holds this value. */
  readonly skipUnchanged: boolean;
  /** Whether an existing parameter may get a new value. */
  readonly overwrite: boolean;
  /** As given; undefined: SecureString for a new parameter, the existing type otherwise. */
  readonly type: ParameterType | undefined;
  readonly tier: ParameterTier | undefined;
  /** Sent with every write: without it, AWS encrypts a SecureString version with the account's default key. */
  readonly kmsKeyId: string | undefined;
  /** How to create a missing parameter; undefined: a missing parameter is an error. */
  readonly create: { readonly description: string | undefined; readonly tags: readonly Tag[] } | undefined;
}

/**
 * Writes a parameter. It is read first (GetParameter, decrypted only with
 * `skipUnchanged`): to know whether it exists, to compare values, to keep
 * its type and for its ARN. A missing parameter is created when `create`
 * is given (and read back for its ARN), else it fails with a hint. An
 * existing one is overwritten only when its value differs (or
 * `skipUnchanged` is off) and `overwrite` allows it.
 */
export async function putParameter(request: ParameterPutRequest, client: SSMClient): Promise<WriteResult> {
  const subject = `parameter ${quote(request.name)} in ${request.region}`;
  const hintContext = { region: request.region, createIfMissing: request.create !== undefined, withTags: (request.create?.tags.length ?? 0) > 0 };
  const call = async <T>(operation: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      throw new AwsCallError(operation, `${operation} for ${subject} failed: ${describeAwsError(error)}`, {
        cause: error,
        hints: parameterWriteHints(error, { ...hintContext, operation }),
      });
    }
  };
  const read = async (withDecryption: boolean): Promise<Parameter | undefined> => {
    try {
      const response = await call('GetParameter', () => client.send(new GetParameterCommand({ Name: request.name, WithDecryption: withDecryption })));
      return response.Parameter;
    } catch (error) {
      if (request.create !== undefined && error instanceof AwsCallError && awsErrorCode(error.cause) === 'ParameterNotFound') return undefined;
      throw error;
    }
  };
  const common = {
    Name: request.name,
    Value: request.value,
    ...(request.tier === undefined ? {} : { Tier: request.tier }),
    ...(request.kmsKeyId === undefined ? {} : { KeyId: request.kmsKeyId }),
  };

  const current = await read(request.skipUnchanged);
  if (current === undefined) {
    const create = request.create ?? { description: undefined, tags: [] };
    const put = await call('PutParameter', () =>
      putParameterOnce(
        client,
        {
          ...common,
          Type: request.type ?? DEFAULT_PARAMETER_TYPE,
          Overwrite: false,
          ...(create.description === undefined ? {} : { Description: create.description }),
          ...(create.tags.length === 0 ? {} : { Tags: create.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) }),
        },
        0,
      ),
    );
    // PutParameter does not return the ARN.
    const createdParameter = await read(false);
    return { versionId: String(put.Version ?? createdParameter?.Version ?? ''), arn: createdParameter?.ARN ?? '', changed: true, created: true };
  }

  const arn = current.ARN ?? '';
  if (request.skipUnchanged && current.Value === request.value) {
    return { versionId: String(current.Version ?? ''), arn, changed: false, created: false };
  }
  if (!request.overwrite) {
    throw new ConfigurationError(
      `Parameter ${quote(request.name)} in ${request.region} exists (version ${current.Version ?? '?'})${request.skipUnchanged ? ' with another value' : ''}, and 'overwrite' is false: nothing was written.`,
    );
  }
  const put = await call('PutParameter', () =>
    putParameterOnce(client, { ...common, Type: request.type ?? current.Type ?? DEFAULT_PARAMETER_TYPE, Overwrite: true }, current.Version ?? 0),
  );
  return { versionId: String(put.Version ?? ''), arn, changed: true, created: false };
}
