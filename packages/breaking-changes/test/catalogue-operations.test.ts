import { describe } from 'vitest';
import { OPERATIONS } from './catalogue/cases/operations.js';
import { describeCases } from './catalogue/suite.js';

describe('catalogue: operations and parameters', () => describeCases(OPERATIONS));
