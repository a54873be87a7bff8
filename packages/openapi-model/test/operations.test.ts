import { describe, expect, it } from 'vitest';
import {
  documentedStatuses,
  findOperation,
  isPublic,
  listOperations,
  missingStatuses,
  type OpenApiDocument,
  pathTemplateParameters,
  requiredStatuses,
  responseFor,
  scopesOf,
} from '../src/index.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  security: [{ key: [] }],
  paths: {
    '/items/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }, { name: 'trace', in: 'header', schema: { type: 'string' } }],
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'trace', in: 'header', required: true, schema: { type: 'integer' } }],
        security: [{ bearer: ['read'] }],
        responses: {
          '200': { $ref: '#/components/responses/Ok' },
          '4XX': { description: 'client error' },
          default: { description: 'other' },
        },
      },
      post: { requestBody: { $ref: '#/components/requestBodies/Item' }, responses: { '201': { description: 'ok' } } },
    },
    '/public': { $ref: '#/components/pathItems/Public' },
    'x-note': 'not a path',
  },
  webhooks: { itemChanged: { post: { operationId: 'itemChanged', responses: { '200': { description: 'ok' } } } } },
  components: {
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
    responses: { Ok: { description: 'the item' } },
    requestBodies: { Item: { required: true, content: { 'application/json': { schema: { type: 'object' } } } } },
    pathItems: { Public: { get: { operationId: 'ping', security: [], responses: { '200': { description: 'ok' } } } } },
  },
} as unknown as OpenApiDocument;

describe('listOperations', () => {
  const ops = listOperations(doc);

  it('lists every operation in document order, with ids, pointers and resolved path items', () => {
    expect(ops.map((o) => [o.id, o.method, o.path, o.pointer])).toEqual([
      ['getItem', 'get', '/items/{id}', '/paths/~1items~1{id}/get'],
      ['POST /items/{id}', 'post', '/items/{id}', '/paths/~1items~1{id}/post'],
      ['ping', 'get', '/public', '/components/pathItems/Public/get'],
    ]);
    expect(ops[1]!.operationId).toBeUndefined();
  });

  it('merges path-item parameters, the operation winning on the same in + name', () => {
    const get = findOperation(ops, 'getItem')!;
    expect(get.parameters.map((p) => [p.parameter.name, p.parameter.required ?? false, p.pointer])).toEqual([
      ['id', true, '/components/parameters/Id'],
      ['trace', true, '/paths/~1items~1{id}/get/parameters/0'],
    ]);
  });

  it('resolves request bodies and responses, keeping their pointers', () => {
    const post = ops[1]!;
    expect(post.requestBody).toMatchObject({ body: { required: true }, pointer: '/components/requestBodies/Item' });
    const get = findOperation(ops, 'getItem')!;
    expect(get.responses.map((r) => [r.status, r.pointer])).toEqual([
      ['200', '/components/responses/Ok'],
      ['4XX', '/paths/~1items~1{id}/get/responses/4XX'],
      ['default', '/paths/~1items~1{id}/get/responses/default'],
    ]);
    expect(responseFor(get, 200)?.response.description).toBe('the item');
    expect(responseFor(get, 404)?.status).toBe('4XX');
    expect(responseFor(get, 503)?.status).toBe('default');
    expect(documentedStatuses(get)).toEqual([200]);
  });

  it('gives each operation its effective security', () => {
    expect(scopesOf(findOperation(ops, 'getItem')!)).toEqual(['read']);
    expect(ops[1]!.security).toEqual([{ key: [] }]);
    expect(isPublic(ops[1]!)).toBe(false);
    expect(isPublic(findOperation(ops, 'ping')!)).toBe(true);
  });

  it('lists webhooks only when asked', () => {
    expect(listOperations(doc, { webhooks: true }).map((o) => o.id)).toContain('itemChanged');
    expect(ops.map((o) => o.id)).not.toContain('itemChanged');
  });

  it('reads path template parameters', () => {
    expect(pathTemplateParameters('/a/{id}/b/{line}')).toEqual(['id', 'line']);
    expect(pathTemplateParameters('/a')).toEqual([]);
  });
});

describe('requiredStatuses', () => {
  const ops = listOperations(doc);
  it('asks 400 for input, 401 and 403 for a scoped operation, 404 for a path id, 429 and 500 always', () => {
    expect(requiredStatuses(findOperation(ops, 'getItem')!).map((r) => r.status)).toEqual([
      '2xx',
      '400',
      '401',
      '403',
      '404',
      '429',
      '500',
    ]);
    expect(requiredStatuses(ops[1]!).map((r) => r.status)).toEqual(['2xx', '400', '401', '404', '429', '500']);
    expect(requiredStatuses(findOperation(ops, 'ping')!).map((r) => r.status)).toEqual(['2xx', '429', '500']);
  });

  it('lists what an operation leaves out, with the reason', () => {
    expect(missingStatuses(findOperation(ops, 'ping')!)).toEqual([
      { status: '429', why: 'every operation is rate limited' },
      { status: '500', why: 'every operation can fail on the server' },
    ]);
  });
});
