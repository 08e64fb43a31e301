/** Links between the pages of one area (the supervisor's, the admin's), marking the current one. */
export function SubNav({ label, links }: { label: string; links: readonly { href: string; text: string }[] }) {
  const here = window.location.pathname.replace(/\/+$/, '');
  return (
    <nav className="sub-nav" aria-label={label}>
      {links.map((link) => (
        <a key={link.href} href={link.href} aria-current={link.href === here ? 'page' : undefined}>
          {link.text}
        </a>
      ))}
    </nav>
  );
}
