import { captureAction, expect, test } from './fixtures';

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

test('every response carries the security headers, and scripts run only with their response’s nonce', async ({
  page,
  request,
  browserProblems,
}) => {
  browserProblems.allow(/^console error: Executing inline script violates the following Content Security Policy/);
  for (const path of ['/', '/register', '/sign-in', '/staff/sign-in', '/bills', '/no-such-page', '/api/health']) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/,
    );
    expect(headers['content-security-policy'], path).toContain(`frame-ancestors 'none'`);
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('same-origin');
    // Plain http here: HSTS is sent only when PUBLIC_ORIGIN is https (as production requires).
    expect(headers['strict-transport-security'], path).toBeUndefined();
  }

  // Each response has its own nonce, and every script in the page carries it.
  const first = await request.get('/register');
  const second = await request.get('/register');
  const nonce = nonceOf(first.headers()['content-security-policy'])!;
  expect(nonce).not.toBe(nonceOf(second.headers()['content-security-policy']));
  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // In the browser: the app's scripts run (the form works) without a single CSP complaint, and a
  // script injected without the nonce does not run.
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) complaints.push(message.text());
  });
  await page.goto('/register');
  await page.getByLabel('Your name').fill('Strict Policy');
  await page.getByLabel('Mobile number').fill('12345');
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByText('That is not a mobile number we can text.')).toBeVisible();
  expect(complaints).toEqual([]);

  // An injected script (as an XSS hole would put one in the page) has no nonce: it does not run.
  await page.route('**/sign-in', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</body>', '<script>window.injected = true</script></body>');
    await route.fulfill({ response, body: html });
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  await expect.poll(() => complaints.length).toBe(1);
});

test('session cookies are HttpOnly and SameSite; requests from another site are refused', async ({
  page,
  register,
  browserProblems,
}) => {
  // captureAction stops the sign-out request on its way out: the page reports the failed fetch.
  browserProblems.allow(/Failed to fetch/);
  await register('Cookie Checker');
  const session = (await page.context().cookies()).find((c) => c.name === 'utilitypay.customer.session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  // Secure (and the __Secure- prefix) on https origins: lib/auth/cookies.test.ts.

  // The sign-out button's server action, sent from another site: refused, still signed in.
  await page.goto('/bills');
  const signOut = await captureAction(page, () => page.getByRole('button', { name: 'Sign out' }).click());
  const forged = await page.request.post(signOut.url, {
    headers: { ...signOut.headers, origin: 'https://evil.example' },
    data: signOut.body,
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('came from another site');
  expect((await page.goto('/bills'))?.url()).toMatch(/\/bills$/);

  // next-auth's own sign-out endpoint without its CSRF token: the session survives.
  await page.request.post('/api/auth/signout', { form: { callbackUrl: '/' }, maxRedirects: 0 });
  expect((await page.goto('/bills'))?.url()).toMatch(/\/bills$/);

  // The same server action from the site itself signs out: the refusals above were fair tests.
  const genuine = await page.request.post(signOut.url, {
    headers: signOut.headers,
    data: signOut.body,
    maxRedirects: 0,
  });
  expect(genuine.status()).toBeLessThan(400);
  await page.goto('/bills');
  await expect(page).toHaveURL(/\/sign-in/);
});

// Audit finding 6: a session token copied before sign-out kept working after it.
test('a customer session copied before sign-out does not work after it', async ({ page, context, register }) => {
  await register('Copied Session');
  const copied = await context.cookies();
  await page.goto('/bills');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/signed-out=1/);
  await context.addCookies(copied);
  await page.goto('/bills');
  await expect(page).toHaveURL(/\/sign-in/);
});
