// One Ajv (JSON Schema 2020-12) instance per spec document and purpose. The whole document is added
// once under a fixed id, so schemas are compiled by pointer (`<id>#/paths/...`) and their
// `#/components/...` refs resolve inside the same document: nothing is dereferenced or copied.
// A place whose schema is only a `$ref` (most responses: `$ref: Problem`) is compiled as its target,
// and through `getSchema`, which shares the document's compiled refs: the spec's ~200 response
// schemas are ~30 distinct ones, compiled in well under a second instead of ten.

import { getAt, isReference, plainPointer } from '@billing-api/openapi-model';
import type { ValidateFunction } from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { decimalPlacesKeyword } from './decimal-places.js';

// ajv and ajv-formats are CommonJS: the default import is `module.exports`, whose `.default` is the
// class / plugin itself (both packages set it), which is also what their typings describe.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** The id under which the document is registered; any absolute URI works. */
export const DOCUMENT_ID = 'https://billing-api.invalid/openapi.json';

/** OpenAPI keywords that are not JSON Schema: annotations only. */
const OPENAPI_ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs'];

/** Every `x-` key used anywhere in the document (all but x-decimal-places are annotations). */
function extensionKeys(document: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) keys.add(key);
        walk(value);
      }
    }
  };
  walk(document);
  keys.delete(decimalPlacesKeyword.keyword);
  return keys;
}

export interface SchemaCompiler {
  /** Compiles (once, then cached) the schema at a JSON pointer (`/components/schemas/Money`) of the document. */
  compile(pointer: string): ValidateFunction;
}

/** Creates the compiler of one document (validation only: defaults are filled by `defaults.ts`). */
export function createCompiler(document: object): SchemaCompiler {
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false, // `$ref` with sibling `minimum` (CreditBalance.amount) is valid 3.1
    allowUnionTypes: true, // `type: [string, 'null']`
    allErrors: true,
    verbose: true, // errors carry the data and the parent schema, for precise findings
    validateSchema: false, // the spec is linted before it is bundled
  });
  addFormats(ajv);
  ajv.addKeyword(decimalPlacesKeyword);
  const rootKeys = Object.keys(document).filter((key) => !key.startsWith('x-'));
  for (const keyword of new Set([...OPENAPI_ANNOTATIONS, ...rootKeys, ...extensionKeys(document)])) {
    ajv.addKeyword({ keyword });
  }
  ajv.addSchema(document, DOCUMENT_ID);
  const cache = new Map<string, ValidateFunction>();
  /** The pointer of the schema a place really holds: through `$ref`s that have no sibling keywords. */
  const canonical = (pointer: string): string => {
    const seen = new Set<string>();
    for (let node = getAt(document, pointer); isReference(node) && Object.keys(node).length === 1; ) {
      if (seen.has(pointer)) break; // a cycle: let Ajv report it
      seen.add(pointer);
      pointer = plainPointer(node.$ref);
      node = getAt(document, pointer);
    }
    return pointer;
  };
  return {
    compile(pointer) {
      const cached = cache.get(pointer);
      if (cached) return cached;
      const target = canonical(pointer);
      let validate = cache.get(target);
      if (!validate) {
        validate = ajv.getSchema(`${DOCUMENT_ID}#${target}`);
        if (!validate) throw new Error(`the document has no schema at ${target}`);
        cache.set(target, validate);
      }
      cache.set(pointer, validate);
      return validate;
    },
  };
}
