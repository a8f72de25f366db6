import { describe, expect, it } from 'vitest';
import { isCurrent, navigationFor } from './navigation.js';

describe('navigationFor', () => {
  it('gives auditors no partner pages and partners no auditor home', () => {
    const auditor = navigationFor({ role: 'auditor' }).map((i) => i.href);
    expect(auditor).toContain('/audit');
    expect(auditor).toContain('/verify');
    expect(auditor).not.toContain('/fleet');
    expect(auditor).not.toContain('/settings');
    const tech = navigationFor({ role: 'partner_tech' }).map((i) => i.href);
    expect(tech).toContain('/fleet');
    expect(tech).not.toContain('/audit');
    expect(tech).not.toContain('/audit-log');
  });

  it('marks the section a page belongs to', () => {
    expect(isCurrent({ href: '/fleet', label: '' }, '/fleet')).toBe(true);
    expect(isCurrent({ href: '/sites', label: '' }, '/sites/1/hosts')).toBe(true);
    expect(isCurrent({ href: '/audit', label: '' }, '/audit-log')).toBe(false);
  });
});
