import { describe, expect, it } from 'vitest';
import { walkObjects } from '../src/index.js';

describe('walkObjects', () => {
  it('visits every object node with its pointer, parents first, and skips literal values', () => {
    const doc = {
      paths: {
        '/a/{id}': {
          get: {
            parameters: [{ name: 'id', schema: { type: 'string', enum: [{ literal: true }] } }],
            responses: { '200': { content: { 'application/json': { example: { nested: {} } } } } },
          },
        },
      },
      components: { schemas: { S: { default: { x: 1 }, const: { y: 2 }, examples: [{ z: 3 }] } } },
      'x-internal': { hidden: {} },
    };
    const seen: string[] = [];
    walkObjects(doc, (_node, pointer) => seen.push(pointer));
    expect(seen).toEqual([
      '',
      '/paths',
      '/paths/~1a~1{id}',
      '/paths/~1a~1{id}/get',
      '/paths/~1a~1{id}/get/parameters/0',
      '/paths/~1a~1{id}/get/parameters/0/schema',
      '/paths/~1a~1{id}/get/responses',
      '/paths/~1a~1{id}/get/responses/200',
      '/paths/~1a~1{id}/get/responses/200/content',
      '/paths/~1a~1{id}/get/responses/200/content/application~1json',
      '/components',
      '/components/schemas',
      '/components/schemas/S',
    ]);
  });
});
