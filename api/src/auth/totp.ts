import { generate, generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), the form every authenticator app speaks. */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Custos', label: account, secret });
}

/**
 * The time step the code belongs to, or undefined when it matches none within ±30 s of clock
 * drift. The caller must still accept the step atomically (a step is usable once).
 */
export async function matchTotp(secret: string, code: string, epoch?: number): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({ secret, token: code, epochTolerance: 30, ...(epoch !== undefined && { epoch }) });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** For tests and the CLI: the current code of a secret. */
export function currentTotp(secret: string, epoch?: number): Promise<string> {
  return generate({ secret, ...(epoch !== undefined && { epoch }) });
}
