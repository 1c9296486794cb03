/** "http://127.0.0.1:4010/oidc" → "127.0.0.1:4010"; the raw text if it is not a URL. */
export function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host
  } catch {
    return issuer
  }
}
