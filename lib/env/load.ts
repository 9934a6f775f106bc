import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EnvSchema, SECRET_NAMES, type Env, type SecretName } from './schema';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

/** Values that ship in docs or were generated for development: production refuses them. */
const DEVELOPMENT_MARKER = 'dev-only-';

function generateDevelopmentSecrets(): Record<SecretName, string> {
  return {
    AUTH_SECRET: `${DEVELOPMENT_MARKER}${randomBytes(32).toString('base64url')}`,
    OTP_HMAC_KEYS: `dev1:${DEVELOPMENT_MARKER}${randomBytes(32).toString('base64url')}`,
    // Marked like the others, so a copied development key is refused in production too.
    SMS_ENCRYPTION_KEY: `${DEVELOPMENT_MARKER}${randomBytes(32).toString('base64')}`,
  };
}

/**
 * Development secrets are generated once and kept in `<DATA_DIR>/dev-secrets.json`, so sessions and
 * queued messages survive restarts. Several processes may race to create it: the first write wins.
 */
export function readDevelopmentSecrets(dataDir: string): Record<SecretName, string> {
  const file = path.join(dataDir, 'dev-secrets.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, JSON.stringify(generateDevelopmentSecrets(), null, 2), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function appEnvOf(source: Source): Env['APP_ENV'] {
  const explicit = source.APP_ENV;
  if (explicit === 'development' || explicit === 'test' || explicit === 'production') return explicit;
  if (explicit) throw new ConfigError(`APP_ENV must be development, test or production (got "${explicit}").`);
  return source.NODE_ENV === 'production' ? 'production' : 'development';
}

/** Validates the environment; in production a missing or development secret stops the app, named. */
export function loadEnv(source: Source = process.env): Env {
  const appEnv = appEnvOf(source);
  const values: Source = { ...source, APP_ENV: appEnv };
  for (const key of Object.keys(values)) if (values[key] === '') values[key] = undefined;

  if (appEnv === 'production') {
    const missing = SECRET_NAMES.filter((name) => !values[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        `Refusing to start in production: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set. See the configuration table in README.md.`,
      );
    }
    const defaults = SECRET_NAMES.filter((name) => values[name]!.includes(DEVELOPMENT_MARKER));
    if (defaults.length > 0) {
      throw new ConfigError(
        `Refusing to start in production: ${defaults.join(', ')} holds a development value. Generate a real secret (openssl rand -base64 32).`,
      );
    }
  } else if (SECRET_NAMES.some((name) => !values[name])) {
    const generated = readDevelopmentSecrets(values.DATA_DIR ?? path.join(process.cwd(), '.data'));
    for (const name of SECRET_NAMES) values[name] ??= generated[name];
  }

  const parsed = EnvSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
