/** Splitting `DOMAIN\user` / `user@domain` for NTLM, and the Basic header (HTTPS only). */
export function splitAccount(username: string): { user: string; domain: string } {
  const backslash = username.indexOf('\\');
  if (backslash >= 0) return { domain: username.slice(0, backslash), user: username.slice(backslash + 1) };
  const at = username.lastIndexOf('@');
  if (at > 0) return { user: username.slice(0, at), domain: username.slice(at + 1) };
  return { user: username, domain: '' };
}

export const basicAuthorization = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
