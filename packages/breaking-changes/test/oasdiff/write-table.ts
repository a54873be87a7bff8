// Writes the oasdiff mapping table into the README (between its markers).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { oasdiffMapping, renderTable, TABLE_END, TABLE_START } from './map.js';

const readme = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');
const text = readFileSync(readme, 'utf8');
const start = text.indexOf(TABLE_START);
const end = text.indexOf(TABLE_END);
if (start < 0 || end < 0) throw new Error('README.md has no oasdiff mapping markers');
writeFileSync(readme, text.slice(0, start) + renderTable(oasdiffMapping()) + text.slice(end + TABLE_END.length));
