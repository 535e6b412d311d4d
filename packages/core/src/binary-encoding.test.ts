import { describe, expect, it } from 'vitest';
import { BinaryDecodeError, decodeSecretBinary, type BinaryEncoding } from './binary-encoding.js';

describe('decodeSecretBinary', () => {
  it.each<{ name: string; bytes: number[]; encoding: BinaryEncoding; expected: string }>([
    { name: 'decodes valid UTF-8', bytes: [...Buffer.from('héllo ✓', 'utf8')], encoding: 'utf8', expected: 'héllo ✓' },
    { name: 'keeps a byte-order mark under utf8', bytes: [0xef, 0xbb, 0xbf, 0x41], encoding: 'utf8', expected: '\uFEFFA' },
    { name: 'decodes no bytes as the empty string', bytes: [], encoding: 'utf8', expected: '' },
    { name: 'encodes any bytes as base64', bytes: [0xff, 0x00, 0xfe], encoding: 'base64', expected: '/wD+' },
    { name: 'pads base64', bytes: [0xff, 0x00], encoding: 'base64', expected: '/wA=' },
    { name: 'encodes any bytes as lower-case hex', bytes: [0xff, 0x00, 0x0a], encoding: 'hex', expected: 'ff000a' },
    { name: 'encodes no bytes as empty hex', bytes: [], encoding: 'hex', expected: '' },
  ])('$name', ({ bytes, encoding, expected }) => {
    expect(decodeSecretBinary(new Uint8Array(bytes), encoding, 'certs/key')).toBe(expected);
  });

  it.each([
    { name: 'a lone 0xff byte', bytes: [0x41, 0xff, 0x42] },
    { name: 'a truncated sequence', bytes: [0x73, 0x65, 0x63, 0xe2, 0x82] },
    { name: 'an overlong encoding', bytes: [0xc0, 0xaf] },
  ])('refuses invalid UTF-8 ($name), naming binary-encoding and the secret but not the bytes', ({ bytes }) => {
    const data = new Uint8Array(bytes);
    let error: unknown;
    try {
      decodeSecretBinary(data, 'utf8', 'certs/key');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BinaryDecodeError);
    expect(error).toHaveProperty(
      'message',
      "the binary secret 'certs/key' is not valid UTF-8; set the input 'binary-encoding' to base64 or hex to export its bytes",
    );
    const message = (error as Error).message;
    const buffer = Buffer.from(data);
    for (const form of [buffer.toString('hex'), buffer.toString('base64'), buffer.toString('latin1'), buffer.toString('utf8')]) {
      expect(message).not.toContain(form);
    }
  });
});
