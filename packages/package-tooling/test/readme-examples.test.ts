// Which parts of a README count as TypeScript examples.
import { describe, expect, it } from 'vitest';
import { tsBlocks } from '../src/index.js';

describe('tsBlocks', () => {
  it('takes the ```ts blocks only, whole, in order', () => {
    const markdown = [
      '# x',
      '```sh',
      'npm i x',
      '```',
      '```ts',
      "import { a } from 'x';",
      '',
      'a();',
      '```',
      'text',
      '```ts',
      "import 'x/money';",
      '```',
    ].join('\n');
    expect(tsBlocks(markdown)).toEqual(["import { a } from 'x';\n\na();\n", "import 'x/money';\n"]);
  });
});
