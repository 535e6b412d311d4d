import * as core from '@actions/core';
import {
  deriveClientRequestToken,
  mergeSecretJson,
  mergeStageLabel,
  putSecretValue,
  realRetryDeps,
  runIdentity,
  secretsManagerClients,
  type ClientSettings,
  type WriteResult,
} from '@aws-secrets-actions/core';
import type { PutSecretInputs } from './inputs.js';

/** Hands the parsed inputs to the core writer for the target: a parameter, a merge, or a plain value. */
export async function write(inputs: PutSecretInputs, region: string, settings: ClientSettings): Promise<WriteResult> {
  const { target, value } = inputs;
  if (target.kind === 'parameter') {
    if (value.kind !== 'string') throw new Error(`Parameter Store takes text; ${value.input} was let through.`);
    // Loaded only for parameters: a run that writes a secret never loads the SSM SDK.
    const { putParameter, ssmClients } = await import('@aws-secrets-actions/core/parameter-store');
    return putParameter(
      {
        name: target.name,
        region,
        value: value.text,
        skipUnchanged: inputs.skipUnchanged,
        ...inputs.parameter,
        create: inputs.create === undefined ? undefined : { description: inputs.create.description, tags: inputs.create.tags },
      },
      ssmClients(settings)(region),
    );
  }

  const client = secretsManagerClients(settings)(region);
  const run = runIdentity(settings.env);
  const common = { secretId: target.secretId, region, skipUnchanged: inputs.skipUnchanged, create: inputs.create };
  if (value.kind === 'merge-json') {
    return mergeSecretJson(
      {
        ...common,
        patch: value.patch,
        tokenFor: (text) => deriveClientRequestToken(run, target.secretId, text),
        stageLabel: mergeStageLabel(run, target.secretId, value.text),
      },
      client,
      {
        ...realRetryDeps,
        mask: (text) => {
          core.setSecret(text);
        },
        info: (message) => {
          core.info(message);
        },
        warning: (message) => {
          core.warning(message);
        },
      },
    );
  }
  const payload = value.kind === 'string' ? ({ kind: 'string', text: value.text } as const) : ({ kind: 'binary', bytes: value.bytes } as const);
  return putSecretValue(
    {
      ...common,
      payload,
      versionStages: inputs.versionStages,
      clientRequestToken: inputs.clientRequestToken ?? deriveClientRequestToken(run, target.secretId, value.kind === 'string' ? value.text : value.bytes),
    },
    client,
  );
}
