import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './load';

const DB = 'postgresql://u@127.0.0.1:5432/db';
const strong = (label: string) => `${label}-${'x'.repeat(40)}`;
const productionSecrets = {
  AUTH_SECRET: strong('auth'),
  OTP_HMAC_KEYS: `k1:${strong('otp')}`,
  SMS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  SMS_TRANSPORT: 'http',
  SMS_HTTP_URL: 'https://sms.example/send',
  SMS_HTTP_SECRET: strong('http'),
  PUBLIC_ORIGIN: 'https://pay.example.com',
  TRUSTED_PROXY_HEADER: 'x-forwarded-for',
  PAYMENT_PROCESSOR: 'stripe',
  STRIPE_SECRET_KEY: 'sk_live_example',
  STRIPE_PUBLISHABLE_KEY: 'pk_live_example',
  STRIPE_WEBHOOK_SECRET: 'whsec_example',
};

describe('loadEnv', () => {
  it('refuses to start in production without a secret, naming it', () => {
    const { AUTH_SECRET: _omitted, ...rest } = productionSecrets;
    expect(() => loadEnv({ NODE_ENV: 'production', DATABASE_URL: DB, ...rest })).toThrow(/AUTH_SECRET is not set/);
  });

  it('treats NODE_ENV=production as production unless APP_ENV says otherwise', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', DATABASE_URL: DB })).toThrow(
      /AUTH_SECRET, OTP_HMAC_KEYS, SMS_ENCRYPTION_KEY are not set/,
    );
  });

  it('refuses development secrets and the outbox transport in production', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
    const dev = loadEnv({ APP_ENV: 'development', DATABASE_URL: DB, DATA_DIR: tmp });
    expect(() =>
      loadEnv({ ...productionSecrets, APP_ENV: 'production', DATABASE_URL: DB, AUTH_SECRET: dev.AUTH_SECRET }),
    ).toThrow(/AUTH_SECRET holds a development value/);
    expect(() =>
      loadEnv({ ...productionSecrets, APP_ENV: 'production', DATABASE_URL: DB, SMS_TRANSPORT: 'outbox' }),
    ).toThrow(/SMS_TRANSPORT/);
  });

  it('refuses the sandbox processor and Stripe test keys in production, and Stripe without its keys', () => {
    const production = { ...productionSecrets, APP_ENV: 'production', DATABASE_URL: DB };
    expect(() => loadEnv({ ...production, PAYMENT_PROCESSOR: 'sandbox' })).toThrow(/PAYMENT_PROCESSOR: the sandbox/);
    expect(() => loadEnv({ ...production, STRIPE_SECRET_KEY: 'sk_test_123' })).toThrow(
      /STRIPE_SECRET_KEY: is a test-mode/,
    );
    const { STRIPE_WEBHOOK_SECRET: _omitted, ...noWebhook } = production;
    expect(() => loadEnv(noWebhook)).toThrow(/STRIPE_WEBHOOK_SECRET: is required when PAYMENT_PROCESSOR=stripe/);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
    expect(loadEnv({ APP_ENV: 'development', DATABASE_URL: DB, DATA_DIR: tmp }).PAYMENT_PROCESSOR).toBe('sandbox');
  });

  it('refuses a plain-http public origin in production', () => {
    expect(() =>
      loadEnv({
        ...productionSecrets,
        APP_ENV: 'production',
        DATABASE_URL: DB,
        PUBLIC_ORIGIN: 'http://pay.example.com',
      }),
    ).toThrow(/PUBLIC_ORIGIN: must be an https/);
  });

  it('runs the job runner in its own process in production, inside the app elsewhere, unless told', () => {
    expect(loadEnv({ ...productionSecrets, APP_ENV: 'production', DATABASE_URL: DB }).SMS_WORKER).toBe('off');
    expect(
      loadEnv({ ...productionSecrets, APP_ENV: 'production', DATABASE_URL: DB, SMS_WORKER: 'inline' }).SMS_WORKER,
    ).toBe('inline');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
    expect(loadEnv({ APP_ENV: 'development', DATABASE_URL: DB, DATA_DIR: tmp }).SMS_WORKER).toBe('inline');
  });

  it('accepts a complete production configuration', () => {
    const env = loadEnv({ ...productionSecrets, APP_ENV: 'production', DATABASE_URL: DB });
    expect(env.APP_ENV).toBe('production');
    expect(env.SMS_TRANSPORT).toBe('http');
  });

  it('refuses to start in production without a decision about the proxy in front (audit finding 2)', () => {
    const { TRUSTED_PROXY_HEADER: _omitted, ...rest } = productionSecrets;
    expect(() => loadEnv({ ...rest, APP_ENV: 'production', DATABASE_URL: DB })).toThrow(
      /TRUSTED_PROXY_HEADER: must be set in production/,
    );
    expect(
      loadEnv({ ...rest, TRUSTED_PROXY_HEADER: 'none', APP_ENV: 'production', DATABASE_URL: DB }).TRUSTED_PROXY_HEADER,
    ).toBe('none');
  });

  it('generates development secrets once and keeps them under the data folder', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
    const first = loadEnv({ APP_ENV: 'development', DATABASE_URL: DB, DATA_DIR: tmp });
    const second = loadEnv({ APP_ENV: 'development', DATABASE_URL: DB, DATA_DIR: tmp });
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.OTP_HMAC_KEYS).toBe(first.OTP_HMAC_KEYS);
    expect(fs.statSync(path.join(tmp, 'dev-secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('explains a malformed value', () => {
    expect(() => loadEnv({ APP_ENV: 'test', DATABASE_URL: 'mysql://x', ...productionSecrets })).toThrow(
      /DATABASE_URL: must be a postgresql:\/\/ URL/,
    );
  });
});

describe('development secrets', () => {
  // Audit finding 9: a generated development SMS_ENCRYPTION_KEY carried no marker, so a copy of it
  // was accepted in production.
  it('are all marked, so production refuses every one of them, the SMS key included', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
    const dev = loadEnv({ APP_ENV: 'development', DATABASE_URL: DB, DATA_DIR: tmp });
    const generated = JSON.parse(fs.readFileSync(path.join(tmp, 'dev-secrets.json'), 'utf8')) as Record<string, string>;
    expect(Buffer.from(dev.SMS_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    for (const name of ['AUTH_SECRET', 'OTP_HMAC_KEYS', 'SMS_ENCRYPTION_KEY']) {
      expect(() =>
        loadEnv({ ...productionSecrets, [name]: generated[name], APP_ENV: 'production', DATABASE_URL: DB }),
      ).toThrow(new RegExp(`${name} holds a development value`));
    }
  });
});
