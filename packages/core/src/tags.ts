import { ConfigurationError } from './errors.js';
import { parseMultilineInput } from './input-parsers.js';
import { quote } from './log-safe.js';

/** One resource tag. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

// The characters AWS allows in tags (Secrets Manager and Parameter Store alike): letters, digits, spaces and _.:/=+-@.
const TAG_KEY = /^[\p{L}\p{N}\p{Zs}_.:/=+@-]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{N}\p{Zs}_.:/=+@-]{0,256}$/u;
const MAX_TAGS = 50;

/**
 * Parses a tags input: one `KEY=VALUE` per line (split at the first `=`,
 * both sides trimmed), blank lines ignored. Keys are unique and may not
 * start with the reserved `aws:`. Messages quote the line: tags are not
 * secret values.
 *
 * @example
 * parseTags('tags', 'team=payments\nowner = ops@example.com') // [{ key: 'team', value: 'payments' }, { key: 'owner', value: 'ops@example.com' }]
 */
export function parseTags(input: string, raw: string | undefined): Tag[] {
  const tags: Tag[] = [];
  for (const { text, lineNumber } of parseMultilineInput(raw)) {
    const fail = (problem: string): never => {
      throw new ConfigurationError(`Input '${input}', line ${lineNumber} ${quote(text)}: ${problem}.`);
    };
    const equals = text.indexOf('=');
    if (equals < 0) fail('expected KEY=VALUE');
    const key = text.slice(0, equals).trim();
    const value = text.slice(equals + 1).trim();
    if (!TAG_KEY.test(key)) fail('a tag key is 1 to 128 letters, digits, spaces and _.:/=+-@');
    if (!TAG_VALUE.test(value)) fail('a tag value is at most 256 letters, digits, spaces and _.:/=+-@');
    if (key.toLowerCase().startsWith('aws:')) fail("tag keys starting with 'aws:' are reserved by AWS");
    if (tags.some((tag) => tag.key === key)) fail(`the key ${quote(key)} is given twice`);
    tags.push({ key, value });
  }
  if (tags.length > MAX_TAGS) {
    throw new ConfigurationError(`Input '${input}' has ${tags.length} tags; AWS allows at most ${MAX_TAGS} per resource.`);
  }
  return tags;
}
