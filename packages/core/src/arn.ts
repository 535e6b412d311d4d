/** The parts of an ARN: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

// Partitions are `aws` or `aws-` followed by a suffix: aws-cn, aws-us-gov, aws-iso, aws-iso-b, …
const ARN_PATTERN = /^arn:(aws(?:-[a-z]+)*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/;

/**
 * Splits an ARN of any partition, or returns undefined for anything else.
 *
 * @example
 * parseArn('arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf')
 * // { partition: 'aws-cn', service: 'secretsmanager', region: 'cn-north-1', account: '123456789012', resource: 'secret:db-AbCdEf' }
 */
export function parseArn(text: string): Arn | undefined {
  const match = ARN_PATTERN.exec(text);
  if (!match) return undefined;
  const [, partition, service, region, account, resource] = match;
  if (partition === undefined || service === undefined || region === undefined || account === undefined || resource === undefined) {
    return undefined;
  }
  return { partition, service, region, account, resource };
}

/** Whether `text` is the ARN of a Secrets Manager secret (full or partial). */
export function isSecretArn(text: string): boolean {
  const arn = parseArn(text);
  return arn?.service === 'secretsmanager' && arn.resource.startsWith('secret:') && arn.region !== '';
}
