/**
 * The "which server" block shown above code samples: every server of the spec as an `export
 * BILLING_API_URL=…` line (the first one live, the others commented), and the key variable. The
 * samples read both variables, so they run unchanged against the server the reader picks.
 */
import { API_KEY_VARIABLE, API_URL_VARIABLE } from '../samples/request.js';
import type { SiteModel } from '../site/model.js';
import { fenced } from './markdown.js';

/** The info string of the setup block; the HTML layout turns such a block into a server picker. */
export const SERVER_SETUP_LANGUAGE = 'sh server-setup';

export function serverSetupScript(model: SiteModel, withKey: boolean): string {
  const ordered = [...model.servers].sort((a, b) => Number(b.local) - Number(a.local));
  const lines = ordered.map(
    (server, i) =>
      `${i === 0 ? '' : '# '}export ${API_URL_VARIABLE}=${server.url}${server.description ? `  # ${server.description.replace(/`/g, '')}` : ''}`,
  );
  if (withKey) lines.push(`export ${API_KEY_VARIABLE}=<your key>`);
  return lines.join('\n');
}

export function serverSetup(model: SiteModel, withKey: boolean): string {
  return [
    `Pick the server the samples call (one of the spec's servers) and${withKey ? ' set your key' : ' export it'}:`,
    '',
    fenced(SERVER_SETUP_LANGUAGE, serverSetupScript(model, withKey)),
  ].join('\n');
}
