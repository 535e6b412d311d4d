import { awsErrorCode, isAccessDenied } from './errors.js';
import { quote } from './log-safe.js';

/** What a hint needs to know about the failed write. */
export interface WriteHintContext {
  readonly operation: string;
  readonly region: string;
  /** Whether `create-if-missing` is on. */
  readonly createIfMissing: boolean;
  /** Whether tags go with the create call (they need a tagging permission of their own). */
  readonly withTags?: boolean;
}

const CREATE_HINT = (region: string): string =>
  `It does not exist in region ${quote(region)}: set 'create-if-missing: true' to create it, or, if it lives in another region, set 'aws-region'.`;

/** Known causes of a failed Secrets Manager write, in the order a user should check them. */
export function secretWriteHints(error: unknown, context: WriteHintContext): string[] {
  const code = awsErrorCode(error);
  if (isAccessDenied(error)) {
    switch (context.operation) {
      case 'GetSecretValue':
        return [
          'The role needs secretsmanager:GetSecretValue on the secret: put-secret reads the current value to compare it (skip-unchanged) and to merge into it (merge-json). A plain write with skip-unchanged: false does not read.',
          'A secret encrypted with a customer-managed KMS key also needs kms:Decrypt on that key.',
        ];
      case 'CreateSecret':
        return [
          `The role needs secretsmanager:CreateSecret${context.withTags === true ? ' and secretsmanager:TagResource (for the tags)' : ''}; IAM grants it on the name pattern of the new secret.`,
          "With 'kms-key-id', it also needs kms:GenerateDataKey and kms:Decrypt on that key.",
        ];
      case 'UpdateSecretVersionStage':
        return ['merge-json makes its new version current with secretsmanager:UpdateSecretVersionStage: the role needs it on the secret.'];
      default:
        return [
          `The role needs secretsmanager:${context.operation} on the secret (a resource policy on the secret can also deny it).`,
          'A secret encrypted with a customer-managed KMS key also needs kms:GenerateDataKey and kms:Decrypt on that key.',
        ];
    }
  }
  switch (code) {
    case 'ResourceNotFoundException':
      return context.createIfMissing ? [] : [CREATE_HINT(context.region)];
    case 'EncryptionFailure':
      return ["Secrets Manager could not encrypt with the secret's KMS key: the role needs kms:GenerateDataKey on it, and the key must be enabled."];
    case 'DecryptionFailure':
      return ["Secrets Manager could not decrypt the current value: the role needs kms:Decrypt on the secret's KMS key."];
    case 'LimitExceededException':
      return ['Secrets Manager keeps about 100 versions and advises writing a secret at most once every 10 minutes: keep skip-unchanged on.'];
    case 'ResourceExistsException':
      return ["This client-request-token was already used for another value of this secret: give a new token, or leave 'client-request-token' out to derive one."];
    default:
      return [];
  }
}

/** Known causes of a failed Parameter Store read or write. */
export function parameterWriteHints(error: unknown, context: WriteHintContext): string[] {
  const code = awsErrorCode(error);
  if (isAccessDenied(error)) {
    if (context.operation === 'GetParameter') {
      return [
        'The role needs ssm:GetParameter on the parameter: put-secret reads it first, to see whether it exists, to compare values (skip-unchanged) and for its ARN.',
        'With skip-unchanged, a SecureString is read decrypted: that needs kms:Decrypt on its KMS key.',
      ];
    }
    return [
      `The role needs ssm:PutParameter on the parameter${context.withTags === true ? ', and ssm:AddTagsToResource for the tags' : ''}.`,
      'A SecureString with a customer-managed KMS key also needs kms:Encrypt (Standard tier) or kms:GenerateDataKey (Advanced tier) on that key.',
    ];
  }
  switch (code) {
    case 'ParameterNotFound':
      return context.createIfMissing ? [] : [CREATE_HINT(context.region)];
    case 'ParameterAlreadyExists':
      return ['Another writer created the parameter at the same moment: run the step again.'];
    case 'ParameterMaxVersionLimitExceeded':
      return ['Parameter Store keeps 100 versions of a parameter and will not drop one that has a label: remove old labels, keep skip-unchanged on.'];
    case 'InvalidKeyId':
      return ["'kms-key-id' must name a KMS key (id, ARN or alias/NAME) in this region that the role can use."];
    case 'ParameterLimitExceeded':
      return ['The account has as many Standard-tier parameters as it may (10 000 per region): use the Advanced tier or delete unused parameters.'];
    default:
      return [];
  }
}
