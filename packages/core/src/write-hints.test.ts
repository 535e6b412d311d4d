import { describe, expect, it } from 'vitest';
import { parameterWriteHints, secretWriteHints } from './write-hints.js';

const awsError = (name: string, status = 400): Error => Object.assign(new Error('message'), { name, $metadata: { httpStatusCode: status } });
const bare403 = Object.assign(new SyntaxError('unreadable'), { $metadata: { httpStatusCode: 403 } });
const context = { region: 'us-east-1', createIfMissing: false };
const CREATE = "It does not exist in region 'us-east-1': set 'create-if-missing: true' to create it, or, if it lives in another region, set 'aws-region'.";

describe('secretWriteHints', () => {
  it.each([
    { operation: 'PutSecretValue', error: awsError('AccessDeniedException'), first: 'The role needs secretsmanager:PutSecretValue on the secret (a resource policy on the secret can also deny it).' },
    { operation: 'PutSecretValue', error: bare403, first: 'The role needs secretsmanager:PutSecretValue on the secret (a resource policy on the secret can also deny it).' },
    { operation: 'GetSecretValue', error: bare403, first: expect.stringMatching(/^The role needs secretsmanager:GetSecretValue on the secret: /) as unknown },
    { operation: 'CreateSecret', error: bare403, first: 'The role needs secretsmanager:CreateSecret; IAM grants it on the name pattern of the new secret.' },
    { operation: 'UpdateSecretVersionStage', error: bare403, first: 'merge-json makes its new version current with secretsmanager:UpdateSecretVersionStage: the role needs it on the secret.' },
  ])('names secretsmanager:$operation when it is denied', ({ operation, error, first }) => {
    expect(secretWriteHints(error, { ...context, operation })[0]).toEqual(first);
  });

  it('names secretsmanager:TagResource when CreateSecret with tags is denied', () => {
    expect(secretWriteHints(bare403, { ...context, operation: 'CreateSecret', withTags: true })[0]).toBe(
      'The role needs secretsmanager:CreateSecret and secretsmanager:TagResource (for the tags); IAM grants it on the name pattern of the new secret.',
    );
  });

  it.each([
    { code: 'ResourceNotFoundException', createIfMissing: false, expected: [CREATE] },
    { code: 'ResourceNotFoundException', createIfMissing: true, expected: [] },
    { code: 'EncryptionFailure', createIfMissing: false, expected: ["Secrets Manager could not encrypt with the secret's KMS key: the role needs kms:GenerateDataKey on it, and the key must be enabled."] },
    { code: 'DecryptionFailure', createIfMissing: false, expected: ["Secrets Manager could not decrypt the current value: the role needs kms:Decrypt on the secret's KMS key."] },
    { code: 'LimitExceededException', createIfMissing: false, expected: ['Secrets Manager keeps about 100 versions and advises writing a secret at most once every 10 minutes: keep skip-unchanged on.'] },
    { code: 'ResourceExistsException', createIfMissing: false, expected: ["This client-request-token was already used for another value of this secret: give a new token, or leave 'client-request-token' out to derive one."] },
    { code: 'InternalServiceError', createIfMissing: false, expected: [] },
  ])('explains $code (create-if-missing $createIfMissing)', ({ code, createIfMissing, expected }) => {
    expect(secretWriteHints(awsError(code), { ...context, createIfMissing, operation: 'PutSecretValue' })).toEqual(expected);
  });
});

describe('parameterWriteHints', () => {
  it('names ssm:GetParameter and kms:Decrypt when the read is denied', () => {
    expect(parameterWriteHints(bare403, { ...context, operation: 'GetParameter' })).toEqual([
      'The role needs ssm:GetParameter on the parameter: put-secret reads it first, to see whether it exists, to compare values (skip-unchanged) and for its ARN.',
      'With skip-unchanged, a SecureString is read decrypted: that needs kms:Decrypt on its KMS key.',
    ]);
  });

  it('names ssm:PutParameter, ssm:AddTagsToResource and the KMS actions when the write is denied', () => {
    expect(parameterWriteHints(awsError('AccessDeniedException'), { ...context, operation: 'PutParameter', withTags: true })).toEqual([
      'The role needs ssm:PutParameter on the parameter, and ssm:AddTagsToResource for the tags.',
      'A SecureString with a customer-managed KMS key also needs kms:Encrypt (Standard tier) or kms:GenerateDataKey (Advanced tier) on that key.',
    ]);
  });

  it.each([
    { code: 'ParameterNotFound', createIfMissing: false, expected: [CREATE] },
    { code: 'ParameterNotFound', createIfMissing: true, expected: [] },
    { code: 'ParameterAlreadyExists', createIfMissing: true, expected: ['Another writer created the parameter at the same moment: run the step again.'] },
    { code: 'ParameterMaxVersionLimitExceeded', createIfMissing: false, expected: ['Parameter Store keeps 100 versions of a parameter and will not drop one that has a label: remove old labels, keep skip-unchanged on.'] },
    { code: 'InvalidKeyId', createIfMissing: false, expected: ["'kms-key-id' must name a KMS key (id, ARN or alias/NAME) in this region that the role can use."] },
    { code: 'ParameterLimitExceeded', createIfMissing: true, expected: ['The account has as many Standard-tier parameters as it may (10 000 per region): use the Advanced tier or delete unused parameters.'] },
    { code: 'ValidationException', createIfMissing: false, expected: [] },
  ])('explains $code (create-if-missing $createIfMissing)', ({ code, createIfMissing, expected }) => {
    expect(parameterWriteHints(awsError(code), { ...context, createIfMissing, operation: 'PutParameter' })).toEqual(expected);
  });
});
