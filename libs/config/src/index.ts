export { loadConfig, ConfigError } from './load-config';
export { envBoolean, envDuration, envPort, envUrl } from './env-types';
