export { loadConfig, ConfigError, fields } from './load.js';
