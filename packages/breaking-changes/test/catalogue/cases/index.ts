// Every catalogue case, in one list.
import type { Case } from '../model.js';
import { MORE } from './more.js';
import { OPERATIONS } from './operations.js';
import { REQUESTS } from './requests.js';
import { RESPONSES } from './responses.js';

export const CATALOGUE: Case[] = [...OPERATIONS, ...REQUESTS, ...RESPONSES, ...MORE];
