/** The HTTP methods a path item can hold, in the order OpenAPI lists its fixed fields. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

const METHOD_SET: ReadonlySet<string> = new Set(HTTP_METHODS);

/** Whether a path item key (lower case) is an operation. */
export function isHttpMethod(key: string): key is HttpMethod {
  return METHOD_SET.has(key);
}
