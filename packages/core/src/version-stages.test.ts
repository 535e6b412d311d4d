import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { parseVersionStages } from './version-stages.js';

describe('parseVersionStages', () => {
  it.each<{ raw: string; expected: string[] | undefined }>([
    { raw: '', expected: undefined },
    { raw: ' \n ', expected: undefined },
    { raw: 'AWSPENDING', expected: ['AWSPENDING'] },
    { raw: 'AWSCURRENT\n release-1.4.0 \n\nblue+green=ok@v2_x', expected: ['AWSCURRENT', 'release-1.4.0', 'blue+green=ok@v2_x'] },
  ])('reads $raw', ({ raw, expected }) => {
    expect(parseVersionStages('version-stages', raw)).toEqual(expected);
  });

  it.each([
    { raw: 'release candidate', message: "Input 'version-stages', line 1 'release candidate': a staging label is 1 to 256 letters, digits and _.+=@-." },
    { raw: `AWSCURRENT\n${'x'.repeat(257)}`, message: `Input 'version-stages', line 2 '${'x'.repeat(257)}': a staging label is 1 to 256 letters, digits and _.+=@-.` },
    { raw: 'AWSCURRENT\nAWSCURRENT', message: "Input 'version-stages', line 2 'AWSCURRENT': the label is given twice." },
    { raw: 'PUTSECRET_PENDING_X', message: "Input 'version-stages', line 1 'PUTSECRET_PENDING_X': labels starting with PUTSECRET_PENDING_ belong to merge-json." },
    { raw: Array.from({ length: 21 }, (_, index) => `s${index}`).join('\n'), message: "Input 'version-stages' has 21 labels; a version can have at most 20." },
  ])('refuses $raw', ({ raw, message }) => {
    expect(() => parseVersionStages('version-stages', raw)).toThrow(new ConfigurationError(message));
  });
});
