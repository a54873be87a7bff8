import { describe } from 'vitest';
import { RESPONSES } from './catalogue/cases/responses.js';
import { describeCases } from './catalogue/suite.js';

describe('catalogue: responses and headers', () => describeCases(RESPONSES));
