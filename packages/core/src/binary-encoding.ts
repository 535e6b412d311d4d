import { quote } from './log-safe.js';

/** How a binary secret becomes env text. */
export const BINARY_ENCODINGS = ['utf8', 'base64', 'hex'] as const;
export type BinaryEncoding = (typeof BINARY_ENCODINGS)[number];

/** The bytes are not valid UTF-8; the message names the secret, never the bytes. */
export class BinaryDecodeError extends Error {
  override name = 'BinaryDecodeError';
}

/**
 * Turns a `SecretBinary` into text. UTF-8 is strict: bytes that are not valid
 * UTF-8 are an error naming the `binary-encoding` input, rather than the
 * silently mangled text the official action produces.
 *
 * @example
 * decodeSecretBinary(new Uint8Array([0xff, 0x00]), 'hex', 'certs/key') // 'ff00'
 */
export function decodeSecretBinary(bytes: Uint8Array, encoding: BinaryEncoding, secretName: string): string {
  switch (encoding) {
    case 'base64':
      return Buffer.from(bytes).toString('base64');
    case 'hex':
      return Buffer.from(bytes).toString('hex');
    case 'utf8':
      try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        throw new BinaryDecodeError(
          `the binary secret ${quote(secretName)} is not valid UTF-8; set the input 'binary-encoding' to base64 or hex to export its bytes`,
        );
      }
  }
}
