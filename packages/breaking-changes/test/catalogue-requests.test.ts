import { describe } from 'vitest';
import { REQUESTS } from './catalogue/cases/requests.js';
import { describeCases } from './catalogue/suite.js';

describe('catalogue: request bodies', () => describeCases(REQUESTS));
