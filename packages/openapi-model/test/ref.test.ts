import { describe, expect, it } from 'vitest';
import { deref, isReference, type RefError, refChain, refName, resolveRef } from '../src/index.js';

const doc = {
  components: {
    schemas: {
      A: { $ref: '#/components/schemas/B' },
      B: { type: 'string' },
      Bounded: { $ref: '#/components/schemas/A', minLength: 1 },
      Loop: { $ref: '#/components/schemas/Loop' },
    },
    parameters: { 'With~Slash/Name': { name: 'x', in: 'query' } },
  },
};

describe('resolveRef', () => {
  it('follows a chain of refs and says where the target lives', () => {
    expect(resolveRef(doc, { $ref: '#/components/schemas/A' }, '/paths/~1a/get')).toEqual({
      value: { type: 'string' },
      pointer: '/components/schemas/B',
      followed: true,
    });
  });

  it('resolves a value that is not a ref to itself, at its own pointer', () => {
    const value = { type: 'integer' };
    expect(resolveRef(doc, value, '#/x')).toEqual({ value, pointer: '/x', followed: false });
  });

  it('reads escaped and percent-encoded targets', () => {
    expect(deref(doc, { $ref: '#/components/parameters/With~0Slash~1Name' })).toEqual({ name: 'x', in: 'query' });
    expect(deref(doc, { $ref: '#/components/parameters/With~0Slash~1Name'.replace('~0', '%7E0') })).toEqual({
      name: 'x',
      in: 'query',
    });
  });

  it('fails with the ref, the place and the reason', () => {
    const fail = (value: unknown) => {
      try {
        resolveRef(doc, value, '/paths/~1a');
      } catch (error) {
        return error as RefError;
      }
      throw new Error('expected a RefError');
    };
    expect(fail({ $ref: '#/components/schemas/Nope' })).toMatchObject({ reason: 'missing', at: '/paths/~1a' });
    expect(fail({ $ref: '#/components/schemas/Loop' })).toMatchObject({ reason: 'cycle' });
    expect(fail({ $ref: 'other.yaml#/A' })).toMatchObject({ reason: 'external', ref: 'other.yaml#/A' });
    expect(fail({ $ref: '#/components/schemas/Nope' }).message).toBe(
      '$ref "#/components/schemas/Nope" at /paths/~1a cannot be resolved: its target does not exist',
    );
  });

  it('names components and recognises references', () => {
    expect(refName('#/components/schemas/Invoice')).toBe('Invoice');
    expect(refName('#/components/parameters/With~0Slash~1Name')).toBe('With~Slash/Name');
    expect(isReference({ $ref: '#/a' })).toBe(true);
    expect(isReference({ $ref: 1 })).toBe(false);
    expect(isReference(null)).toBe(false);
  });

  it('lists every link of a chain, siblings of each $ref included', () => {
    const value = { $ref: '#/components/schemas/Bounded', default: 'x' };
    expect(refChain(doc, value, '/p')).toEqual([
      { value, pointer: '/p' },
      { value: { $ref: '#/components/schemas/A', minLength: 1 }, pointer: '/components/schemas/Bounded' },
      { value: { $ref: '#/components/schemas/B' }, pointer: '/components/schemas/A' },
      { value: { type: 'string' }, pointer: '/components/schemas/B' },
    ]);
    expect(refChain(doc, { type: 'integer' })).toEqual([{ value: { type: 'integer' }, pointer: '' }]);
    expect(() => refChain(doc, { $ref: '#/components/schemas/Loop' })).toThrow(/refers back to itself/);
  });
});
