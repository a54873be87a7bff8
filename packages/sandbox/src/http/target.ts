// The path and query of a request target, read without throwing: origin-form (`/path?query`) is
// split by hand (cheaper than a WHATWG URL), absolute-form (`http://host/path`) goes through URL,
// and a target neither can read is `undefined` (the caller answers it), never an exception.
import type { Target } from '../api/responder.js';

export function parseTarget(raw: string | undefined): Target | undefined {
  const url = raw ?? '/';
  if (url.startsWith('/')) {
    const q = url.indexOf('?');
    return {
      pathname: q < 0 ? url : url.slice(0, q),
      searchParams: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    };
  }
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return { pathname: parsed.pathname, searchParams: parsed.searchParams };
}
