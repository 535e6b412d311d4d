import {
  ON_PENDING,
  optionalInput,
  parseBooleanInput,
  parseEnumInput,
  parseIntegerInput,
  parseRoleInputs,
  parseRotationConfig,
  parseRotationTargets,
  resolveDefaultRegion,
  type OnPending,
  type RoleInputs,
  type RotationConfigInput,
  type RotationTarget,
} from '@aws-secrets-actions/core';

/** The inputs of this action, by name (the role inputs come from core). */
export const INPUTS = {
  secretIds: 'secret-ids',
  rotationLambdaArn: 'rotation-lambda-arn',
  rotationSchedule: 'rotation-schedule',
  automaticallyAfterDays: 'automatically-after-days',
  rotationWindow: 'rotation-window',
  rotateImmediately: 'rotate-immediately',
  wait: 'wait',
  timeoutSeconds: 'timeout-seconds',
  onPending: 'on-pending',
  rollbackOnFailure: 'rollback-on-failure',
} as const;

/** Everything the step was asked to do, checked. */
export interface RotateSecretInputs extends RoleInputs {
  readonly targets: readonly RotationTarget[];
  /** The region for STS: the first target's. */
  readonly stsRegion: string;
  readonly config: RotationConfigInput;
  readonly rotateImmediately: boolean;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly onPending: OnPending;
  readonly rollbackOnFailure: boolean;
}

/** Parses every input once, before any AWS call; throws ConfigurationError on the first mistake. */
export function parseInputs(readInput: (name: string) => string, env: Readonly<Record<string, string | undefined>>): RotateSecretInputs {
  const role = parseRoleInputs(readInput, env);
  const targets = parseRotationTargets(INPUTS.secretIds, readInput(INPUTS.secretIds), resolveDefaultRegion(role.regionInput, env, []));
  const config = parseRotationConfig({
    lambdaArn: { name: INPUTS.rotationLambdaArn, raw: readInput(INPUTS.rotationLambdaArn) },
    schedule: { name: INPUTS.rotationSchedule, raw: readInput(INPUTS.rotationSchedule) },
    afterDays: { name: INPUTS.automaticallyAfterDays, raw: readInput(INPUTS.automaticallyAfterDays) },
    window: { name: INPUTS.rotationWindow, raw: readInput(INPUTS.rotationWindow) },
  });
  const timeoutSeconds = parseIntegerInput(INPUTS.timeoutSeconds, readInput(INPUTS.timeoutSeconds), { min: 1, max: 21_600 }) ?? 300;
  return {
    ...role,
    targets,
    stsRegion: optionalInput(role.regionInput) ?? targets[0]?.region ?? 'us-east-1',
    config,
    rotateImmediately: parseBooleanInput(INPUTS.rotateImmediately, readInput(INPUTS.rotateImmediately), true),
    wait: parseBooleanInput(INPUTS.wait, readInput(INPUTS.wait), true),
    timeoutMs: timeoutSeconds * 1000,
    onPending: parseEnumInput(INPUTS.onPending, readInput(INPUTS.onPending), ON_PENDING, 'fail'),
    rollbackOnFailure: parseBooleanInput(INPUTS.rollbackOnFailure, readInput(INPUTS.rollbackOnFailure), false),
  };
}
