import { ConfigurationError } from '@aws-secrets-actions/core';
import { describe, expect, it } from 'vitest';
import { INPUTS, parseInputs } from './inputs.js';

const RUN_ENV = { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '3', GITHUB_REPOSITORY: 'octo/app' };

function reader(inputs: Record<string, string>): (name: string) => string {
  return (name) => inputs[name] ?? '';
}

describe('parseInputs', () => {
  it('applies the defaults of the official action and of the role inputs', () => {
    const inputs = parseInputs(reader({ [INPUTS.secretIds]: 'prod/db' }), RUN_ENV);

    expect(inputs).toEqual({
      references: [{ line: 'prod/db', lineNumber: 1, alias: undefined, target: { kind: 'secret', secretId: 'prod/db', arn: undefined } }],
      parseJsonSecrets: false,
      nameTransformation: 'uppercase',
      autoSelectFamilyAttemptTimeoutMs: 1000,
      binaryEncoding: 'utf8',
      exportEnv: true,
      setOutputs: false,
      envFile: undefined,
      onMissing: 'fail',
      regionInput: undefined,
      exportCredentials: false,
      role: {
        roleToAssume: undefined,
        roleChain: [],
        audience: 'sts.amazonaws.com',
        sessionName: 'gha-42-3-octo.app',
        durationSeconds: 900,
        externalId: undefined,
      },
    });
  });

  it('checks aliases under the chosen name-transformation', () => {
    const inputs = parseInputs(reader({ [INPUTS.secretIds]: 'db_password,prod/db', [INPUTS.nameTransformation]: 'lowercase' }), RUN_ENV);
    expect(inputs.references[0]?.alias).toBe('db_password');
  });

  it.each([
    { input: INPUTS.autoSelectFamilyAttemptTimeout, value: '5', message: "Input 'auto-select-family-attempt-timeout' must be from 10 to 600000; got 5." },
    { input: INPUTS.parseJsonSecrets, value: '1', message: "Input 'parse-json-secrets' must be a boolean: one of true, True, TRUE, false, False, FALSE; got '1'." },
    { input: INPUTS.binaryEncoding, value: 'UTF8', message: "Input 'binary-encoding' must be one of utf8, base64, hex; got 'UTF8'." },
  ])('refuses $input: $value', ({ input, value, message }) => {
    const parse = (): unknown => parseInputs(reader({ [INPUTS.secretIds]: 'prod/db', [input]: value }), RUN_ENV);
    expect(parse).toThrow(ConfigurationError);
    expect(parse).toThrow(message);
  });
});
