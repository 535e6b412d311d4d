import { describe, expect, it } from 'vitest';
import { describeWrite, type WriteResult } from './write-result.js';

describe('describeWrite', () => {
  it.each<{ result: WriteResult; expected: string }>([
    { result: { versionId: 'v1', arn: 'arn', changed: true, created: true }, expected: "Created secret 'app/key' in us-east-1: version v1." },
    { result: { versionId: 'v2', arn: 'arn', changed: true, created: false }, expected: "Wrote secret 'app/key' in us-east-1: version v2." },
    { result: { versionId: 'v2', arn: 'arn', changed: true, created: false, attempts: 1 }, expected: "Wrote secret 'app/key' in us-east-1: version v2." },
    {
      result: { versionId: 'v3', arn: 'arn', changed: true, created: false, attempts: 3 },
      expected: "Wrote secret 'app/key' in us-east-1: version v3 after 3 rounds (other writers changed it meanwhile).",
    },
    { result: { versionId: 'v1', arn: 'arn', changed: false, created: false }, expected: "Left secret 'app/key' in us-east-1 as it was: it already holds this value (version v1)." },
  ])('says $expected', ({ result, expected }) => {
    expect(describeWrite("secret 'app/key'", 'us-east-1', result)).toBe(expected);
  });
});
