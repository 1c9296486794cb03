import type { ClientMetadata } from 'oidc-provider'

export const DESKTOP_CLIENT_ID = 'keywarden-desktop'
export const CLI_CLIENT_ID = 'sandbox-cli'
/** The clients, with the `sandbox-cli` secret of this data folder (never a fixed, published one). */
export const clientsWith = (cliClientSecret: string): ClientMetadata[] => [
  {
    // The desktop app: a public native client. oidc-provider accepts this loopback redirect on
    // any port for application_type 'native' (RFC 8252 §7.3), so the app can listen on port 0.
    client_id: DESKTOP_CLIENT_ID,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback'],
  },
  {
    client_id: CLI_CLIENT_ID,
    client_secret: cliClientSecret,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  },
]

/** Machine clients and the demo user they act as on the remote APIs. */
export const CLIENT_ACTS_AS: Readonly<Record<string, string>> = {
  [CLI_CLIENT_ID]: 'admin',
}

/** Clients whose consent is implied (no consent screen), with the name the login page shows. */
export const FIRST_PARTY_CLIENTS: Readonly<Record<string, string>> = {
  [DESKTOP_CLIENT_ID]: 'Keywarden',
}
