import { ConfigurationError } from './errors.js';
import type { ParameterTier } from './parameter-options.js';

/** The most a service stores for one value, and how to say so. */
export interface SizeLimit {
  readonly bytes: number;
  /** Ends the message: what the limit is and, when there is one, the way out. */
  readonly explanation: string;
}

/** Secrets Manager stores at most 64 KiB in SecretString or SecretBinary. */
export const SECRETS_MANAGER_LIMIT: SizeLimit = {
  bytes: 65_536,
  explanation: 'Secrets Manager stores at most 65536 bytes (64 KiB) per secret value.',
};

/**
 * What Parameter Store takes: 4 KiB in the Standard tier, 8 KiB in the
 * Advanced tier (Intelligent-Tiering moves a larger value to Advanced).
 * Without a tier the Standard limit applies, since that is AWS's default.
 *
 * @example
 * parameterSizeLimit(undefined).bytes  // 4096
 * parameterSizeLimit('Advanced').bytes // 8192
 */
export function parameterSizeLimit(tier: ParameterTier | undefined): SizeLimit {
  if (tier === 'Advanced' || tier === 'Intelligent-Tiering') {
    return { bytes: 8192, explanation: `a parameter in the ${tier} tier holds at most 8192 bytes (8 KiB).` };
  }
  return {
    bytes: 4096,
    explanation: "a Standard-tier parameter holds at most 4096 bytes (4 KiB); set 'parameter-tier' to Advanced for up to 8 KiB.",
  };
}

/**
 * Size of a value as the service counts it: UTF-8 bytes of text, or the bytes themselves.
 *
 * @example
 * valueByteLength('é')                    // 2
 * valueByteLength(new Uint8Array([1, 2])) // 2
 */
export function valueByteLength(value: string | Uint8Array): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
}

/**
 * Refuses a value over the limit before anything is written. `subject`
 * names the value ("The value of input 'secret-string'"), never shows it.
 *
 * @example
 * assertWithinLimit("The value of input 'secret-string'", 70000, SECRETS_MANAGER_LIMIT)
 * // throws ConfigurationError: The value of input 'secret-string' is 70000 bytes; Secrets Manager stores at most 65536 bytes (64 KiB) per secret value.
 */
export function assertWithinLimit(subject: string, bytes: number, limit: SizeLimit): void {
  if (bytes > limit.bytes) {
    throw new ConfigurationError(`${subject} is ${bytes} bytes; ${limit.explanation}`);
  }
}
