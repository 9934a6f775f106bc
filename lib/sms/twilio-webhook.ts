import 'server-only';

/**
 * What a Twilio webhook request carries, as its signature check needs it: the form's parameters and
 * the URL Twilio called, rebuilt from our public origin (behind a load balancer the request's own
 * URL is not the one Twilio signed). Null when the body is not a form.
 */
export async function readTwilioWebhook(
  request: Request,
  publicOrigin: string,
): Promise<{ url: string; signature: string | null; params: Record<string, string> } | null> {
  const form = await request.formData().catch(() => null);
  if (!form) return null;
  const params: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string') params[key] = value;
  return {
    url: new URL(new URL(request.url).pathname, publicOrigin).toString(),
    signature: request.headers.get('x-twilio-signature'),
    params,
  };
}
