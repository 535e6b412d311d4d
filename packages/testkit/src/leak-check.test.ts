import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, findLeaks } from './leak-check.js';
import type { StepResult } from './runner.js';
import { masksFromAddMask, parseWorkflowCommands, renderLog } from './workflow-commands.js';

/** A step result built from raw output, parsed the way runAction parses it. */
function step(parts: Partial<Pick<StepResult, 'stdout' | 'stderr' | 'summary' | 'state' | 'outputs' | 'env' | 'paths'>>): StepResult {
  const stdout = parts.stdout ?? '';
  const commands = parseWorkflowCommands(stdout);
  const env = parts.env ?? {};
  return {
    exitCode: 0,
    signal: null,
    stdout,
    stderr: parts.stderr ?? '',
    commands,
    masks: commands.filter((c) => c.command === 'add-mask').flatMap((c) => masksFromAddMask(c.message)),
    errors: [],
    warnings: [],
    notices: [],
    debugLines: [],
    env,
    envEntries: Object.entries(env).map(([name, value]) => ({ name, value })),
    outputs: parts.outputs ?? {},
    state: parts.state ?? {},
    summary: parts.summary ?? '',
    paths: parts.paths ?? [],
    runnerErrors: [],
    log: renderLog(stdout),
    tempDir: '/nonexistent',
    durationMs: 0,
  };
}

const SECRET = 'pw-Zq81-xk';
const MULTI = 'first line of key\nsecond line of key';
const HTML_SECRET = 'pw<9Zq-xk';

describe('findLeaks', () => {
  it.each([
    { name: 'a value printed on stdout before its mask', result: step({ stdout: `fetching\nvalue ${SECRET}\n::add-mask::${SECRET}\n` }), expected: ['secret #0 appears in stdout line 2 (visible in the job log)'] },
    { name: 'a value printed on stdout after its mask', result: step({ stdout: `::add-mask::${SECRET}\nvalue ${SECRET}\n` }), expected: ['secret #0 appears in stdout line 2 (masked in the job log)'] },
    { name: 'a value on stderr', result: step({ stderr: `warn\nError: bad ${SECRET}\n` }), expected: ['secret #0 appears in stderr line 2'] },
    { name: 'a value in the step summary', result: step({ summary: `| name | ${SECRET} |\n` }), expected: ['secret #0 appears in the step summary'] },
    { name: 'a value in saved state', result: step({ state: { names: 'A', cache: SECRET } }), expected: ['secret #0 appears in state STATE_cache'] },
    { name: 'a value in an output', result: step({ outputs: { token: SECRET } }), expected: ['secret #0 appears in outputs token', 'secret #0 is exported (outputs token) but not masked: the whole value'] },
    { name: 'a value in an ::error:: message', result: step({ stdout: `::error::Failed: ${SECRET}\n` }), expected: ['secret #0 appears in stdout line 1 (::error command; visible in the job log)'] },
    { name: 'a value in a ::debug:: property', result: step({ stdout: `::debug title=${SECRET}::x\n` }), expected: ['secret #0 appears in stdout line 1 (::debug command; visible in the job log)'] },
    { name: 'a value in GITHUB_PATH', result: step({ paths: [`/opt/${SECRET}`] }), expected: ['secret #0 appears in GITHUB_PATH'] },
    { name: 'a value used as an env name', result: step({ env: { [SECRET]: 'x' } }), expected: ['secret #0 appears in the name of GITHUB_ENV entry 1'] },
    { name: 'an exported value that was never masked', result: step({ env: { DB_PASSWORD: SECRET } }), expected: ['secret #0 is exported (GITHUB_ENV DB_PASSWORD) but not masked: the whole value'] },
    { name: 'a masked value in an annotation title, which the runner never masks', result: step({ stdout: `::add-mask::${SECRET}\n::error title=Bad ${SECRET}::failed\n` }), expected: ['secret #0 appears in stdout line 2 (::error command; visible in the job log)'] },
    { name: 'a masked value in an annotation message', result: step({ stdout: `::add-mask::${SECRET}\n::warning title=Bad::failed ${SECRET}\n` }), expected: ['secret #0 appears in stdout line 2 (::warning command; masked in the job log)'] },
    { name: 'a masked value on a ::debug:: line, which a debug re-run shows', result: step({ stdout: `::add-mask::${SECRET}\n::debug::request ${SECRET}\n` }), expected: ['secret #0 appears in stdout line 2 (::debug command; masked in the job log)'] },
    { name: 'an HTML-escaped value in the step summary', result: step({ summary: `<td>${HTML_SECRET.replace('<', '&lt;')}</td>\n` }), expected: ['secret #0 appears in the step summary'] },
  ])('reports $name', ({ name, result, expected }) => {
    expect(findLeaks(result, [name.includes('HTML') ? HTML_SECRET : SECRET])).toEqual(expected);
  });

  it('finds an escaped multi-line value in a ::warning:: command, and each of its lines', () => {
    const result = step({ stdout: `::warning::got first line of key%0Asecond line of key\nsecond line of key\n` });
    expect(findLeaks(result, ['unrelated-value', MULTI])).toEqual([
      'secret #1 appears in stdout line 1 (::warning command; visible in the job log)',
      'secret #1 appears in stdout line 2 (visible in the job log)',
    ]);
  });

  it('reports a multi-line exported value whose lines are not covered by masks', () => {
    // Only the whole value and its first line are masked: line 2 printed on its own would show.
    const result = { ...step({ env: { KEY: MULTI } }), masks: [MULTI, 'first line of key'] };
    expect(findLeaks(result, [MULTI])).toEqual(['secret #0 is exported (GITHUB_ENV KEY) but not masked: line 2']);
  });

  it('accepts the value on its own add-mask line and an export covered by the mask', () => {
    const result = step({ stdout: `::add-mask::${SECRET}\n::add-mask::first line of key%0Asecond line of key\ndone\n`, env: { A: SECRET, B: MULTI } });
    expect(findLeaks(result, [SECRET, MULTI])).toEqual([]);
  });

  it('accepts a value inside a longer add-mask line, which the runner never echoes', () => {
    expect(findLeaks(step({ stdout: `::add-mask::{"password":"${SECRET}"}\n` }), [SECRET])).toEqual([]);
  });

  it('does not search for punctuation-only lines of a pretty-printed JSON value, but still requires their masks', () => {
    const pretty = '{\n  "token": "t-3c"\n}\n';
    expect(findLeaks(step({ stdout: '::debug::fields {"a":1}\n' }), [pretty])).toEqual([]);
    expect(findLeaks(step({ stdout: '::debug::got "token": "t-3c"\n' }), [pretty])).toEqual(['secret #0 appears in stdout line 1 (::debug command; visible in the job log)']);
    const exported = { ...step({ env: { JSON: pretty } }), masks: [pretty, '"token": "t-3c"'] };
    expect(findLeaks(exported, [pretty])).toEqual(['secret #0 is exported (GITHUB_ENV JSON) but not masked: line 1, line 3']);
  });

  it('skips empty and whitespace-only secrets', () => {
    expect(findLeaks(step({ stdout: '  \n\nhello\n', env: { A: ' ' } }), ['', '  '])).toEqual([]);
  });

  it('treats output values like env values when outputs carry values on purpose, still requiring masks', () => {
    expect(findLeaks(step({ outputs: { TOKEN: SECRET } }), [SECRET], { outputsCarryValues: true })).toEqual([
      'secret #0 is exported (outputs TOKEN) but not masked: the whole value',
    ]);
    expect(findLeaks(step({ stdout: `::add-mask::${SECRET}\n`, outputs: { TOKEN: SECRET } }), [SECRET], { outputsCarryValues: true })).toEqual([]);
    expect(findLeaks(step({ stdout: `::add-mask::${SECRET}\n`, outputs: { [SECRET]: 'x' } }), [SECRET], { outputsCarryValues: true })).toEqual([`secret #0 appears in outputs ${SECRET}`]);
  });

  describe('with value files (an env-file the step wrote on purpose)', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'leak-check-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('requires every value in the file to be masked before the step ends', () => {
      const file = join(dir, 'unmasked.env');
      writeFileSync(file, `DB_PASSWORD='${SECRET}'\n`);
      expect(findLeaks(step({}), [SECRET], { valueFiles: [file] })).toEqual([`secret #0 is exported (file ${file}) but not masked: the whole value`]);
      expect(findLeaks(step({ stdout: `::add-mask::${SECRET}\n` }), [SECRET], { valueFiles: [file] })).toEqual([]);
    });

    it('finds a multi-line value written escaped, and names each line left unmasked', () => {
      const file = join(dir, 'escaped.env');
      writeFileSync(file, `KEY="first line of key\\nsecond line of key"\n`);
      const result = { ...step({}), masks: [MULTI, 'first line of key'] };
      expect(findLeaks(result, [MULTI], { valueFiles: [file] })).toEqual([`secret #0 is exported (file ${file}) but not masked: line 2`]);
    });

    it('skips a file that does not exist (already removed)', () => {
      expect(findLeaks(step({}), [SECRET], { valueFiles: [join(dir, 'gone.env')] })).toEqual([]);
    });
  });

  it('does not search GITHUB_ENV values, which are the product', () => {
    expect(findLeaks(step({ stdout: `::add-mask::${SECRET}\n`, env: { A: SECRET } }), [SECRET])).toEqual([]);
  });
});

describe('expectNoLeaks', () => {
  it('throws an error listing the leaks without quoting the value', () => {
    const result = step({ stdout: `value ${SECRET}\n`, stderr: SECRET });
    expect(() => {
      expectNoLeaks(result, [SECRET]);
    }).toThrow(new Error('2 secret leak(s):\n- secret #0 appears in stdout line 1 (visible in the job log)\n- secret #0 appears in stderr line 1'));
  });

  it('returns quietly when nothing leaks', () => {
    expect(() => {
      expectNoLeaks(step({ stdout: 'all good\n' }), [SECRET]);
    }).not.toThrow();
  });
});
