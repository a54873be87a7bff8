// The bundled spec the kit checks against by default (`@billing-api/openapi`'s `dist/openapi.json`).
// Everything the kit reads from a spec goes through @billing-api/openapi-model.
import { openapi } from '@billing-api/openapi';
import type { OpenApiDocument } from '@billing-api/openapi-model';

export const bundledSpec: OpenApiDocument = openapi;
