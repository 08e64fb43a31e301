import { z } from 'zod';
import { envBoolean, envDuration, envPort, envUrl } from './env-types';
import { ConfigError, loadConfig } from './load-config';

const schema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  PORT: envPort(3000),
  DEBUG: envBoolean(false),
  IDLE: envDuration('15m'),
});

describe('loadConfig', () => {
  it('applies defaults and converts values', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgres://u@h/db' });
    expect(config).toEqual({ DATABASE_URL: 'postgres://u@h/db', PORT: 3000, DEBUG: false, IDLE: 900_000 });
  });

  it('parses given values', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgresql://h/db', PORT: '8080', DEBUG: '1', IDLE: '250ms' });
    expect(config).toMatchObject({ PORT: 8080, DEBUG: true, IDLE: 250 });
  });

  it('names a missing setting in one line', () => {
    expect(() => loadConfig(schema, {})).toThrow(/^Configuration error: DATABASE_URL is required/);
  });

  it('takes an empty variable as unset', () => {
    expect(loadConfig(schema, { DATABASE_URL: 'postgres://u@h/db', PORT: '' }).PORT).toBe(3000);
    expect(() => loadConfig(schema, { DATABASE_URL: '' })).toThrow(/DATABASE_URL is required/);
  });

  it.each([
    ['DATABASE_URL', 'mysql://h/db', /must be a URL starting with postgres:\/\//],
    ['PORT', 'eighty', /must be a port number/],
    ['PORT', '70000', /between 1 and 65535/],
    ['DEBUG', 'yes', /true or false/],
    ['IDLE', '10 minutes', /must be a duration/],
  ])('names %s when it is malformed (%s)', (setting, value, message) => {
    const env = { DATABASE_URL: 'postgres://h/db', [setting]: value };
    let error: unknown;
    try {
      loadConfig(schema, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).not.toContain('\n');
  });
});
