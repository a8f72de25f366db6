import { can, mayEnter, type PublicUser } from './zones.js';

export interface NavItem {
  href: string;
  label: string;
}

/** The main navigation for a user: only pages their role may open. */
export function navigationFor(user: Pick<PublicUser, 'role'>): NavItem[] {
  const items: NavItem[] = [];
  if (mayEnter(user.role, 'partner')) {
    items.push({ href: '/fleet', label: 'Fleet' }, { href: '/incidents', label: 'Incidents and heals' }, { href: '/approvals', label: 'Approvals' });
  }
  if (mayEnter(user.role, 'auditor')) items.push({ href: '/audit', label: 'Audit home' });
  items.push(
    { href: '/workflows', label: 'Workflow histories' },
    { href: '/evidence', label: 'Evidence' },
    { href: '/verify', label: 'Verify a kit' },
    { href: '/runbooks', label: 'Runbooks' },
    { href: '/controls', label: 'Control coverage' },
    { href: '/reports', label: 'Reports' },
  );
  if (can(user, 'readAudit')) items.push({ href: '/audit-log', label: 'Audit log' });
  if (mayEnter(user.role, 'partner')) items.push({ href: '/settings', label: 'Settings' });
  return items;
}

/** Whether a nav item is the current section (so it gets aria-current). */
export function isCurrent(item: NavItem, pathname: string): boolean {
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
