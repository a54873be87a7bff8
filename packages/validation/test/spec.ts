// The bundled spec the tests validate against (the same file the sandbox and the kit read).
import { openapi } from '@billing-api/openapi';
import { createSpecValidator } from '../src/index.js';

export const document = openapi as unknown as Record<string, any>;
export const validator = createSpecValidator(openapi);
