import { decoyHash, generatePassword, hashPassword, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('verifies the password it hashed, in the self-describing scrypt form', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
  });

  it('refuses another password, even one differing by case or a character', async () => {
    const hash = await hashPassword('correct horse battery staple');
    for (const wrong of ['Correct horse battery staple', 'correct horse battery stapl', '', 'correct horse battery staple ']) {
      await expect(verifyPassword(wrong, hash)).resolves.toBe(false);
    }
  });

  it('salts every hash, so equal passwords do not show as equal hashes', async () => {
    expect(await hashPassword('same password 1')).not.toBe(await hashPassword('same password 1'));
  });

  it('verifies hashes made with other parameters (they are read from the hash)', async () => {
    const hash = await hashPassword('parameters travel');
    const [, , , , salt] = hash.split('$');
    const { scryptSync } = await import('node:crypto');
    const weaker = `scrypt$1024$8$1$${salt}$${scryptSync('parameters travel', Buffer.from(salt!, 'base64url'), 32, { N: 1024, r: 8, p: 1 }).toString('base64url')}`;
    await expect(verifyPassword('parameters travel', weaker)).resolves.toBe(true);
  });

  it.each([
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['a missing part', 'scrypt$32768$8$1$c2FsdA'],
    ['an extra part', 'scrypt$32768$8$1$c2FsdA$aGFzaA$x'],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA'],
    ['parameters asking for gigabytes', 'scrypt$1048576$64$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA'],
    ['a truncated hash', 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0$aGFzaA'],
    ['an empty string', ''],
  ])('answers false, without throwing, for a malformed hash (%s)', async (_case, stored) => {
    await expect(verifyPassword('whatever password', stored)).resolves.toBe(false);
  });

  it('generates one-time passwords long enough for the password rules, never twice the same', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[\w-]{24}$/);
  });

  it('keeps one decoy hash that matches no likely password', async () => {
    const decoy = await decoyHash();
    expect(await decoyHash()).toBe(decoy);
    await expect(verifyPassword('', decoy)).resolves.toBe(false);
  });
});
