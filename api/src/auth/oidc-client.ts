import * as oidc from 'openid-client';
import { unpackSealed, oidcSecretAad, type CredentialKeyring, type OidcProvider } from '@custos/db';

/**
 * Discovery results per partner, kept for ten minutes: the IdP's metadata and keys rarely change
 * and fetching them on every sign-in would put the IdP on our critical path twice.
 */
const cache = new Map<string, { at: number; issuer: string; config: oidc.Configuration }>();
const TTL_MS = 10 * 60_000;

export async function oidcConfiguration(provider: OidcProvider, keyring: CredentialKeyring, allowInsecure: boolean): Promise<oidc.Configuration> {
  const hit = cache.get(provider.partner_id);
  if (hit && hit.issuer === provider.issuer && Date.now() - hit.at < TTL_MS) return hit.config;
  const secret =
    provider.client_secret_enc && provider.client_secret_key_id
      ? keyring.open(unpackSealed(provider.client_secret_key_id, provider.client_secret_enc), oidcSecretAad(provider.partner_id)).toString()
      : undefined;
  const config = await oidc.discovery(
    new URL(provider.issuer),
    provider.client_id,
    secret,
    undefined,
    allowInsecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
  cache.set(provider.partner_id, { at: Date.now(), issuer: provider.issuer, config });
  return config;
}

export interface OidcLoginState {
  partnerSlug: string;
  verifier: string;
  state: string;
  nonce: string;
}

export async function startLogin(config: oidc.Configuration, redirectUri: string, partnerSlug: string): Promise<{ url: URL; login: OidcLoginState }> {
  const verifier = oidc.randomPKCECodeVerifier();
  const login = { partnerSlug, verifier, state: oidc.randomState(), nonce: oidc.randomNonce() };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: login.state,
    nonce: login.nonce,
  });
  return { url, login };
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

/** Exchanges the code (PKCE, state and nonce checked by openid-client) and returns who signed in. */
export async function finishLogin(config: oidc.Configuration, callbackUrl: URL, login: OidcLoginState): Promise<OidcIdentity> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: login.verifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('no ID token in the token response');
  // Many providers put email only in the userinfo response; it is bound to the same subject.
  const profile: Record<string, unknown> = typeof claims['email'] === 'string' ? claims : await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof profile['email'] === 'string' ? profile['email'].toLowerCase() : undefined,
    emailVerified: profile['email_verified'] === true,
  };
}
