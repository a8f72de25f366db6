/** The union of what the site settings actions return, as the cards read it. */
export interface SettingsForm {
  which?: string;
  errors?: Record<string, string>;
  done?: string;
  code?: string;
  expiresAt?: string;
  label?: string;
  username?: string;
  domain?: string;
  kind?: string;
}

/** The part of the action result that belongs to one card. */
export function forCard(form: unknown, which: string): SettingsForm | null {
  const f = form as SettingsForm | null | undefined;
  return f && f.which === which ? f : null;
}
