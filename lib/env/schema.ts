import { z } from 'zod';
import { MAX_SMS_HOST_LENGTH } from '@/lib/sms/templates';

/** The names of the secrets: generated for development, required in production. */
export const SECRET_NAMES = ['AUTH_SECRET', 'OTP_HMAC_KEYS', 'SMS_ENCRYPTION_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

const positiveInt = z.coerce.number().int().positive();

/**
 * Every setting the app reads, in one place. See the configuration table in README.md.
 * `APP_ENV` decides what counts as production: it defaults to production whenever NODE_ENV is
 * production (as under `next start`), so a deployment that forgets to say gets the strict rules.
 */
export const EnvSchema = z
  .object({
    APP_ENV: z.enum(['development', 'test', 'production']),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
    DATABASE_POOL_SIZE: positiveInt.default(10),
    PUBLIC_ORIGIN: z
      .url({ protocol: /^https?$/ })
      .refine(
        (v) => new URL(v).hostname.length <= MAX_SMS_HOST_LENGTH,
        `its host must be at most ${MAX_SMS_HOST_LENGTH} characters (it ends every code SMS)`,
      )
      .default('http://localhost:3000'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
    /** `id:secret` pairs, comma-separated; the first is the current key, the others still verify. */
    OTP_HMAC_KEYS: z.string().min(1),
    /** 32 bytes, base64: seals code messages until they are handed to the provider. */
    SMS_ENCRYPTION_KEY: z
      .string()
      .transform((v) => v.replace(/^dev-only-/, '')) // the development marker (lib/env/load.ts), refused in production
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
    SMS_TRANSPORT: z.enum(['outbox', 'twilio', 'http']).default('outbox'),
    /**
     * Where the job runner (text delivery, payment expiry, pruning) runs: `inline` in the app's
     * process, `off` when `npm run worker` processes run it. Default: off in production (the web
     * process's event loop serves requests only), inline elsewhere (`npm start` is one command).
     */
    SMS_WORKER: z.enum(['inline', 'off']).optional(),
    SMS_MAX_ATTEMPTS: positiveInt.default(8),
    SMS_WORKER_CONCURRENCY: positiveInt.default(4),
    /** A send job locked this long was left by a killed worker and is retried. */
    SMS_STUCK_AFTER_SECONDS: positiveInt.default(120),
    TWILIO_ACCOUNT_SID: z.string().optional(),
    TWILIO_AUTH_TOKEN: z.string().optional(),
    TWILIO_MESSAGING_SERVICE_SID: z.string().optional(),
    TWILIO_FROM_NUMBER: z.string().optional(),
    /** Only for tests against a local fake of Twilio's API. */
    TWILIO_API_BASE_URL: z.url().optional(),
    SMS_HTTP_URL: z.url().optional(),
    SMS_HTTP_SECRET: z.string().optional(),
    DEFAULT_COUNTRY: z.string().length(2).default('US'),
    /** Who takes the money: the sandbox (test numbers only, no keys; the default) or Stripe. */
    PAYMENT_PROCESSOR: z.enum(['sandbox', 'stripe']).default('sandbox'),
    /** Stripe's secret key (sk_test_... in test mode, sk_live_... in production). */
    STRIPE_SECRET_KEY: z.string().optional(),
    /** Stripe's publishable key, for Stripe.js in the browser. */
    STRIPE_PUBLISHABLE_KEY: z.string().optional(),
    /** The signing secret of the webhook endpoint (whsec_...). */
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    /** Only for tests against a local fake of Stripe's API, e.g. http://127.0.0.1:12111. */
    STRIPE_API_BASE_URL: z.url().optional(),
    /** How long a processor call may take before the payment is left PROCESSING for reconciliation. */
    PROCESSOR_TIMEOUT_MS: positiveInt.default(20_000),
    /** The sandbox's bank debits settle this many seconds after they are made. */
    SANDBOX_ACH_SETTLE_SECONDS: positiveInt.default(5),
    /**
     * The header your load balancer writes the client's address in (e.g. x-forwarded-for), or
     * "none" when clients connect to the app directly (the connection's address is used). Unset
     * outside production means "none"; production refuses to start without a decision.
     */
    TRUSTED_PROXY_HEADER: z.string().toLowerCase().optional(),
    /**
     * Number types that may receive texts besides mobile ones, comma-separated: PERSONAL_NUMBER,
     * VOIP. Default none: those ranges are where SMS pumping and unreachable numbers live.
     */
    SMS_EXTRA_NUMBER_TYPES: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((t) => t.trim().toUpperCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(['PERSONAL_NUMBER', 'VOIP']))),
    /**
     * Code texts an hour, all numbers together: a number, or "auto" (3 times the busiest hour of the
     * last 7 days, at least 300). The brake on SMS pumping when client addresses rotate.
     */
    SMS_HOURLY_BUDGET: z.union([z.literal('auto'), positiveInt]).default('auto'),
    /** Code texts an hour to any one number prefix (+1 NPA-NXX; elsewhere the country code and 4 digits). */
    SMS_PREFIX_HOURLY_LIMIT: positiveInt.default(20),
    /** Look a number's line type up (Twilio Lookup v2, a paid request; results kept 30 days) before texting a code. */
    SMS_LINE_TYPE_LOOKUP: z.enum(['off', 'twilio']).default('off'),
    /** The line types refused when the lookup is on, comma-separated (Twilio's names). */
    SMS_REFUSED_LINE_TYPES: z
      .string()
      .default('landline,fixedVoip,nonFixedVoip,tollFree,premium,sharedCost,uan,voicemail,pager')
      .transform((v) =>
        v
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    CUSTOMER_SESSION_IDLE_MINUTES: positiveInt.default(30),
    STAFF_SESSION_IDLE_MINUTES: positiveInt.default(15),
  })
  .superRefine((env, ctx) => {
    const production = env.APP_ENV === 'production';
    if (production && new URL(env.PUBLIC_ORIGIN).protocol !== 'https:') {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_ORIGIN'],
        message: 'must be an https:// origin in production (secure cookies, HSTS)',
      });
    }
    if (production && !env.TRUSTED_PROXY_HEADER) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRUSTED_PROXY_HEADER'],
        message:
          'must be set in production: the header your load balancer writes the client address in (e.g. x-forwarded-for), or none when clients connect directly',
      });
    }
    if (production && env.SMS_TRANSPORT === 'outbox') {
      ctx.addIssue({
        code: 'custom',
        path: ['SMS_TRANSPORT'],
        message: 'the outbox transport is for development; set twilio or http in production',
      });
    }
    if (production && env.PAYMENT_PROCESSOR === 'sandbox') {
      ctx.addIssue({
        code: 'custom',
        path: ['PAYMENT_PROCESSOR'],
        message: 'the sandbox takes no money; set stripe in production',
      });
    }
    if (env.PAYMENT_PROCESSOR === 'stripe') {
      for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required when PAYMENT_PROCESSOR=stripe' });
      }
      if (production && env.STRIPE_SECRET_KEY?.startsWith('sk_test_')) {
        ctx.addIssue({
          code: 'custom',
          path: ['STRIPE_SECRET_KEY'],
          message: 'is a test-mode key; production takes a live key (sk_live_... or rk_live_...)',
        });
      }
    }
    if (env.SMS_LINE_TYPE_LOOKUP === 'twilio' && (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMS_LINE_TYPE_LOOKUP'],
        message: 'the Twilio lookup needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN',
      });
    }
    if (env.SMS_TRANSPORT === 'twilio') {
      for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required when SMS_TRANSPORT=twilio' });
      }
      if (!env.TWILIO_MESSAGING_SERVICE_SID && !env.TWILIO_FROM_NUMBER) {
        ctx.addIssue({
          code: 'custom',
          path: ['TWILIO_FROM_NUMBER'],
          message: 'set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER',
        });
      }
    }
    if (env.SMS_TRANSPORT === 'http') {
      if (!env.SMS_HTTP_URL)
        ctx.addIssue({ code: 'custom', path: ['SMS_HTTP_URL'], message: 'is required when SMS_TRANSPORT=http' });
      if (!env.SMS_HTTP_SECRET || env.SMS_HTTP_SECRET.length < 32) {
        ctx.addIssue({
          code: 'custom',
          path: ['SMS_HTTP_SECRET'],
          message: 'must be at least 32 characters when SMS_TRANSPORT=http',
        });
      }
    }
    for (const pair of env.OTP_HMAC_KEYS.split(',')) {
      const [id, secret] = pair.split(':');
      if (!id || !secret || secret.length < 32) {
        ctx.addIssue({
          code: 'custom',
          path: ['OTP_HMAC_KEYS'],
          message: 'must be id:secret pairs, each secret at least 32 characters',
        });
        break;
      }
    }
  })
  .transform((env) => ({
    ...env,
    SMS_WORKER: env.SMS_WORKER ?? (env.APP_ENV === 'production' ? ('off' as const) : ('inline' as const)),
  }));

export type Env = z.infer<typeof EnvSchema>;
