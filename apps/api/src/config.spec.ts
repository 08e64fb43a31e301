import { apiConfigSchema } from './config';

const REQUIRED = { DATABASE_URL: 'postgres://localhost/baton', BATON_API_TOKEN: 'r'.repeat(32), CHAT_TOKEN_SECRET: 's'.repeat(32) };
const parse = (env: Record<string, string>) => apiConfigSchema.safeParse({ ...REQUIRED, ...env });

describe('TRUST_PROXY', () => {
  it('believes no proxy when unset', () => {
    expect(parse({}).data?.TRUST_PROXY).toBeUndefined();
  });

  it('takes a number of hops', () => {
    expect(parse({ TRUST_PROXY: '1' }).data?.TRUST_PROXY).toBe(1);
    expect(parse({ TRUST_PROXY: '10' }).data?.TRUST_PROXY).toBe(10);
  });

  it('takes addresses, subnets and the named ranges, comma-separated', () => {
    expect(parse({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.0.2.7, fd00::/8, uniquelocal' }).data?.TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.7',
      'fd00::/8',
      'uniquelocal',
    ]);
  });

  it.each(['0', '11', 'true', '*', '10.0.0.0/33', 'fd00::/129', '10.0.0/8', '10.0.0.0/8/1', 'loopback,', 'proxy.internal', '10.0.0.0/-1'])(
    'refuses %j, naming what it takes',
    (value) => {
      const result = parse({ TRUST_PROXY: value });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['TRUST_PROXY'], message: expect.stringContaining('number of proxy hops (1-10)') });
    },
  );
});
