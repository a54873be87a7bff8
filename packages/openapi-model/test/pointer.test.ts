import { describe, expect, it } from 'vitest';
import { appendPointer, getAt, PointerError, parsePointer, plainPointer, toPointer } from '../src/index.js';

// The example document and pointers of RFC 6901 §5 and §6.
const rfc = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

describe('JSON pointers', () => {
  it('reads every pointer of RFC 6901 §5', () => {
    expect(getAt(rfc, '')).toBe(rfc);
    expect(getAt(rfc, '/foo')).toEqual(['bar', 'baz']);
    expect(getAt(rfc, '/foo/0')).toBe('bar');
    expect(getAt(rfc, '/')).toBe(0);
    expect(getAt(rfc, '/a~1b')).toBe(1);
    expect(getAt(rfc, '/c%d')).toBe(2);
    expect(getAt(rfc, '/m~0n')).toBe(8);
    expect(getAt(rfc, '/ ')).toBe(7);
  });

  it('reads the URI-fragment form of §6, percent-decoded', () => {
    expect(getAt(rfc, '#')).toBe(rfc);
    expect(getAt(rfc, '#/c%25d')).toBe(2);
    expect(getAt(rfc, '#/k%22l')).toBe(6);
    expect(getAt({ paths: { '/a/{id}': 1 } }, '#/paths/~1a~1%7Bid%7D')).toBe(1);
  });

  it('round-trips tokens with ~ and / and writes the plain form', () => {
    const tokens = ['paths', '/api/{id}', 'm~n', 0];
    expect(toPointer(tokens)).toBe('/paths/~1api~1{id}/m~0n/0');
    expect(parsePointer(toPointer(tokens))).toEqual(['paths', '/api/{id}', 'm~n', '0']);
    expect(parsePointer('/~01')).toEqual(['~1']);
    expect(plainPointer('#/components/schemas/A')).toBe('/components/schemas/A');
    expect(appendPointer('#/paths', '/x', 'get')).toBe('/paths/~1x/get');
  });

  it('gives the same plain form on its fast paths as by parsing', () => {
    for (const p of ['', '#', '/a~1b/~0c', '#/a~1b/~0c', '#/paths/~1x%7Bid%7D', '/paths/a#b', '#/a%2Fb']) {
      expect(plainPointer(p), p).toBe(toPointer(parsePointer(p)));
    }
    expect(appendPointer('/paths/~1a', 'get')).toBe('/paths/~1a/get');
  });

  it('answers undefined for what is not there, and does not read inherited properties', () => {
    expect(getAt(rfc, '/nope')).toBeUndefined();
    expect(getAt(rfc, '/foo/2')).toBeUndefined();
    expect(getAt(rfc, '/foo/01')).toBeUndefined();
    expect(getAt(rfc, '/foo/-')).toBeUndefined();
    expect(getAt({}, '/constructor')).toBeUndefined();
    expect(getAt({ a: null }, '/a/b')).toBeUndefined();
  });

  it('refuses a string that is not a pointer, naming it', () => {
    expect(() => parsePointer('components/schemas')).toThrow(PointerError);
    expect(() => parsePointer('components/schemas')).toThrow('"components/schemas" is not a JSON pointer');
  });
});
