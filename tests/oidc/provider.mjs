// SPDX-License-Identifier: EUPL-1.2
// A real OpenID Connect provider for the OIDC login tests: panva's certified oidc-provider on
// loopback, with one confidential client and its development login and consent pages (any
// password). Started by tests/e2e/test_oidc_login.py; never part of a deployment.
//
// Environment:
//   OIDC_PROVIDER_PORT    port on 127.0.0.1 (the issuer is http://127.0.0.1:<port>)
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI   the one client
//   OIDC_ACCOUNTS_FILE    optional JSON {"<login>": ["<group>", ...]} read on every sign-in,
//                         replacing the groups of the built-in accounts (a test changes it)
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.mjs: ${name} is not set`);
    process.exit(2);
  }
  return value;
};

const port = Number(env('OIDC_PROVIDER_PORT'));
const issuer = `http://127.0.0.1:${port}`;

// The test accounts: login name -> groups at the provider.
const ACCOUNTS = {
  planner: ['ind-planner'],
  coa: ['coa-planner'],
  nobody: [],
};

function groupsOf(login) {
  const file = process.env.OIDC_ACCOUNTS_FILE;
  const table = file ? { ...ACCOUNTS, ...JSON.parse(readFileSync(file, 'utf8')) } : ACCOUNTS;
  return Object.hasOwn(table, login) ? table[login] : undefined;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env('OIDC_CLIENT_ID'),
      client_secret: env('OIDC_CLIENT_SECRET'),
      redirect_uris: [env('OIDC_REDIRECT_URI')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // Each key is a scope, with the claims it releases.
  claims: {
    openid: ['sub'],
    profile: ['preferred_username'],
    groups: ['groups'],
  },
  async findAccount(ctx, sub) {
    if (groupsOf(sub) === undefined) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, preferred_username: sub, groups: groupsOf(sub) };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: [randomBytes(32).toString('hex')] },
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
