/**
 * The OpenAPI object model that every package reads the spec through. The shapes are openapi3-ts's
 * model of OpenAPI 3.1 (a well-kept library, so we do not maintain our own copy of the standard),
 * under short names. 3.0 documents (the large public corpora the checker is measured on) read
 * through the same types: the keywords that differ (`nullable`, boolean `exclusiveMinimum`) are
 * plain extra fields to a reader.
 */
import type * as oas from 'openapi3-ts/oas31';

export type OpenApiDocument = oas.OpenAPIObject;
export type PathItem = oas.PathItemObject;
export type Operation = oas.OperationObject;
export type Parameter = oas.ParameterObject;
export type ParameterLocation = oas.ParameterLocation;
export type RequestBody = oas.RequestBodyObject;
export type Response = oas.ResponseObject;
export type MediaType = oas.MediaTypeObject;
export type Header = oas.HeaderObject;
export type Example = oas.ExampleObject;
export type Reference = oas.ReferenceObject;
export type SecurityScheme = oas.SecuritySchemeObject;
export type SecurityRequirement = oas.SecurityRequirementObject;
export type Server = oas.ServerObject;
export type Tag = oas.TagObject;
export type Discriminator = oas.DiscriminatorObject;

/** A value that may be written in place or as a `$ref` to a component. */
export type MaybeRef<T> = T | Reference;

/**
 * A JSON Schema 2020-12 object as OpenAPI 3.1 uses it: openapi3-ts's model plus the applicator and
 * validation keywords it leaves out.
 */
export type Schema = oas.SchemaObject & {
  $defs?: Record<string, MaybeRef<Schema>>;
  unevaluatedProperties?: boolean | MaybeRef<Schema>;
  unevaluatedItems?: boolean | MaybeRef<Schema>;
  dependentRequired?: Record<string, string[]>;
  dependentSchemas?: Record<string, MaybeRef<Schema>>;
  if?: MaybeRef<Schema>;
  then?: MaybeRef<Schema>;
  else?: MaybeRef<Schema>;
  contains?: MaybeRef<Schema>;
  minContains?: number;
  maxContains?: number;
  patternProperties?: Record<string, MaybeRef<Schema>>;
  /** At most this many decimals (money); see the spec package's README. */
  'x-decimal-places'?: number;
};
