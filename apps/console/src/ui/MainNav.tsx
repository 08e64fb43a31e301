import type { Role } from '@baton/contracts';
import { hasRole } from '../auth/roles';
import { usePrincipal } from '../auth/use-principal';

/** The top bar's links; a staff link names the role its page needs (admin: shown to admins only). */
const LINKS: readonly { href: string; text: string; role?: Role }[] = [
  { href: '/', text: 'Status' },
  { href: '/desk', text: 'Desk', role: 'agent' },
  { href: '/supervisor', text: 'Supervisor', role: 'supervisor' },
  { href: '/flows', text: 'Flows', role: 'designer' },
  { href: '/campaigns', text: 'Campaigns', role: 'supervisor' },
  { href: '/admin/users', text: 'Admin', role: 'admin' },
  { href: '/chat', text: 'Customer chat demo' },
];

/**
 * Signed in, the links to the pages your roles open; signed out, the staff pages too (each asks who
 * you are) but not Admin; while the console asks who is signed in, the public links only.
 */
export function MainNav() {
  const state = usePrincipal();
  const shown = LINKS.filter(({ role }) => {
    if (!role) return true;
    if (state.status === 'signed-in') return hasRole(state.principal, role);
    return role !== 'admin' && state.status !== 'loading';
  });
  return (
    <nav aria-label="Main">
      {shown.map((link) => (
        <a key={link.href} href={link.href}>
          {link.text}
        </a>
      ))}
    </nav>
  );
}
