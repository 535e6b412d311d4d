import { isSecretArn, parseArn } from './arn.js';
import { ConfigurationError } from './errors.js';
import { optionalInput, parseIntegerInput, parseMultilineInput } from './input-parsers.js';
import { quote } from './log-safe.js';

/** `RotationRules` as RotateSecret takes them: one schedule, and an optional window. */
export interface RotationRulesInput {
  /** `AutomaticallyAfterDays` (1 to 1000). */
  readonly automaticallyAfterDays?: number;
  /** `ScheduleExpression`: `rate(N days)`, `rate(N hours)` or `cron(…)`. */
  readonly scheduleExpression?: string;
  /** `Duration`, the rotation window: `1h` to `24h`. */
  readonly duration?: string;
}

/** What the step asks RotateSecret to configure; everything undefined keeps the secret's own configuration. */
export interface RotationConfigInput {
  readonly lambdaArn: string | undefined;
  readonly rules: RotationRulesInput | undefined;
}

/** The raw text of the rotation configuration inputs, with the names to cite in errors. */
export interface RawRotationConfig {
  readonly lambdaArn: { readonly name: string; readonly raw: string | undefined };
  readonly schedule: { readonly name: string; readonly raw: string | undefined };
  readonly afterDays: { readonly name: string; readonly raw: string | undefined };
  readonly window: { readonly name: string; readonly raw: string | undefined };
}

const RATE = /^rate\((\d+) (hour|hours|day|days)\)$/;
const CRON = /^cron\(([^()]+)\)$/;
const WINDOW = /^(\d+)h$/;

/**
 * Checks a `ScheduleExpression`: `rate(N days)` (1 to 1000), `rate(N hours)`
 * (4 to 24000, as Secrets Manager allows no more often than every four
 * hours) or `cron(…)` with the six fields of an EventBridge cron expression.
 *
 * @example
 * parseScheduleExpression('rotation-schedule', 'rate(30 days)') // 'rate(30 days)'
 * parseScheduleExpression('rotation-schedule', 'cron(0 4 ? * SUN *)') // 'cron(0 4 ? * SUN *)'
 * parseScheduleExpression('rotation-schedule', 'every day') // throws ConfigurationError
 */
export function parseScheduleExpression(name: string, text: string): string {
  const rate = RATE.exec(text);
  if (rate !== null) {
    const amount = Number(rate[1]);
    const hours = rate[2]?.startsWith('hour') === true;
    const [min, max] = hours ? [4, 24_000] : [1, 1000];
    if (amount < min || amount > max) {
      throw new ConfigurationError(`Input '${name}' must rotate every ${min} to ${max} ${hours ? 'hours' : 'days'}; got ${quote(text)}.`);
    }
    return text;
  }
  const cron = CRON.exec(text);
  if (cron?.[1] !== undefined && cron[1].trim().split(/\s+/).length === 6) return text;
  throw new ConfigurationError(
    `Input '${name}' must be rate(N days), rate(N hours) or cron(MIN HOUR DAY MONTH WEEKDAY YEAR); got ${quote(text)}.`,
  );
}

/**
 * Checks a rotation window (`Duration`): whole hours from `1h` to `24h`.
 *
 * @example
 * parseRotationWindow('rotation-window', '3h') // '3h'
 * parseRotationWindow('rotation-window', '90m') // throws ConfigurationError
 */
export function parseRotationWindow(name: string, text: string): string {
  const match = WINDOW.exec(text);
  const hours = match === null ? NaN : Number(match[1]);
  if (!(hours >= 1 && hours <= 24)) {
    throw new ConfigurationError(`Input '${name}' must be a whole number of hours from 1h to 24h; got ${quote(text)}.`);
  }
  return text;
}

/**
 * Checks the rotation configuration inputs together: a Lambda function ARN,
 * at most one of a schedule expression and a number of days, and a window
 * only with a schedule.
 *
 * @example
 * parseRotationConfig({
 *   lambdaArn: { name: 'rotation-lambda-arn', raw: 'arn:aws:lambda:us-east-1:123456789012:function:rotate' },
 *   schedule: { name: 'rotation-schedule', raw: 'rate(30 days)' },
 *   afterDays: { name: 'automatically-after-days', raw: '' },
 *   window: { name: 'rotation-window', raw: '2h' },
 * })
 * // { lambdaArn: 'arn:aws:lambda:…:function:rotate', rules: { scheduleExpression: 'rate(30 days)', duration: '2h' } }
 */
export function parseRotationConfig(raw: RawRotationConfig): RotationConfigInput {
  const lambdaArn = optionalInput(raw.lambdaArn.raw);
  if (lambdaArn !== undefined) {
    const arn = parseArn(lambdaArn);
    if (arn?.service !== 'lambda' || !arn.resource.startsWith('function:') || arn.region === '') {
      throw new ConfigurationError(
        `Input '${raw.lambdaArn.name}' must be a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:NAME; got ${quote(lambdaArn)}.`,
      );
    }
  }
  const scheduleText = optionalInput(raw.schedule.raw);
  const afterDays = parseIntegerInput(raw.afterDays.name, raw.afterDays.raw, { min: 1, max: 1000 });
  if (scheduleText !== undefined && afterDays !== undefined) {
    throw new ConfigurationError(`Inputs '${raw.schedule.name}' and '${raw.afterDays.name}' are mutually exclusive: give one of them.`);
  }
  const windowText = optionalInput(raw.window.raw);
  if (windowText !== undefined && scheduleText === undefined && afterDays === undefined) {
    throw new ConfigurationError(
      `Input '${raw.window.name}' needs a schedule: give '${raw.schedule.name}' or '${raw.afterDays.name}' with it.`,
    );
  }
  const scheduleExpression = scheduleText === undefined ? undefined : parseScheduleExpression(raw.schedule.name, scheduleText);
  const duration = windowText === undefined ? undefined : parseRotationWindow(raw.window.name, windowText);
  const rules: RotationRulesInput | undefined =
    scheduleExpression === undefined && afterDays === undefined
      ? undefined
      : {
          ...(afterDays === undefined ? {} : { automaticallyAfterDays: afterDays }),
          ...(scheduleExpression === undefined ? {} : { scheduleExpression }),
          ...(duration === undefined ? {} : { duration }),
        };
  return { lambdaArn, rules };
}

/** One secret to rotate, as written in the input, with the region to call. */
export interface RotationTarget {
  /** The line as written: a name or an ARN. It keys the outputs. */
  readonly secretId: string;
  /** The ARN's region for an ARN, else the default region. */
  readonly region: string;
}

const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/**
 * Parses `secret-ids`: one secret name or ARN per line, no duplicates. A
 * name is rotated in `defaultRegion`, else in the region of the first ARN
 * of the list; with neither, it is an error naming the `aws-region` input.
 *
 * @example
 * parseRotationTargets('secret-ids', 'prod/db\narn:aws:secretsmanager:eu-west-1:123456789012:secret:api-AbCdEf', 'us-east-1')
 * // [{ secretId: 'prod/db', region: 'us-east-1' }, { secretId: 'arn:…:secret:api-AbCdEf', region: 'eu-west-1' }]
 */
export function parseRotationTargets(name: string, raw: string | undefined, defaultRegion: string | undefined): RotationTarget[] {
  const lines = parseMultilineInput(raw);
  if (lines.length === 0) throw new ConfigurationError(`Input '${name}' must name at least one secret.`);
  const seen = new Set<string>();
  const fallbackRegion = defaultRegion ?? lines.map(({ text }) => parseArn(text)).find((arn) => arn?.service === 'secretsmanager')?.region;
  return lines.map(({ text, lineNumber }) => {
    if (seen.has(text)) throw new ConfigurationError(`Input '${name}' names ${quote(text)} twice (line ${lineNumber}).`);
    seen.add(text);
    if (text.startsWith('arn:')) {
      if (!isSecretArn(text)) {
        throw new ConfigurationError(`Input '${name}' line ${lineNumber} is not a Secrets Manager secret ARN: ${quote(text)}.`);
      }
      return { secretId: text, region: parseArn(text)?.region ?? '' };
    }
    if (!SECRET_NAME.test(text)) {
      throw new ConfigurationError(
        `Input '${name}' line ${lineNumber} is not a secret name (letters, digits and /_+=.@-, at most 512 characters) or ARN: ${quote(text)}` +
          // The get-secrets reference syntax does not apply here: say so rather than leave the user guessing.
          (/[,*?#]/.test(text) ? '; give one secret per line, without an alias, a * prefix, ?stage= or #key.' : '.'),
      );
    }
    if (fallbackRegion === undefined || fallbackRegion === '') {
      throw new ConfigurationError(`No region for secret ${quote(text)}: set the 'aws-region' input (or AWS_REGION), or give the secret's ARN.`);
    }
    return { secretId: text, region: fallbackRegion };
  });
}
