import type { Page } from '@playwright/test';
import { sqlOne } from './fixtures/db';
import { DEMO } from '../lib/db/demo-data';
import { letAMinutePass } from './fixtures/db';
import {
  accounts,
  expect,
  expectNoViolations,
  newPhone,
  readCode,
  staffSignIn,
  test,
  TEST_CARD_EXPIRY,
  textsTo,
} from './fixtures';

// A browser that asks for Mexican Spanish gets US Spanish: every page below, its texts, and axe.
test.use({ locale: 'es-MX' });

/** Names the Spanish pages may show in English: the utility's, the demo data's, card brands. */
const ALLOWED = [/Riverside Water & Power/g, /Riverside W&P/g, /Visa/g, /UtilityPay/g, /English/g];

/**
 * No English on a Spanish page: its visible text, minus the allowed names, has none of the
 * common English words every English sentence of ours has (none of them is a Spanish word).
 */
async function expectSpanish(page: Page, name: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-US');
  let text = await page.locator('body').innerText();
  for (const allowed of ALLOWED) text = text.replace(allowed, '');
  const english = text.match(/\b(the|your|you|and|with|this|of|for|is|to|we|code|account|bill|pay)\b/gi);
  expect(english, `English words on ${name}: ${text}`).toBeNull();
  await expectNoViolations(page, `${name} (Spanish)`);
}

/** Chooses a new card on the Spanish pay form and types one of the sandbox's test cards. */
async function fillNewCard(page: Page, number: string) {
  await page.getByRole('radio', { name: /Una tarjeta nueva/ }).check();
  await page.getByLabel('Número de tarjeta').fill(number);
  await page.getByLabel('Vencimiento (MM/AA)').fill(TEST_CARD_EXPIRY);
  await page.getByLabel('Código de seguridad').fill('123');
}

/** The code in a code text (its origin-bound last line ends "#123456"). */
const codeFrom = (text: string) => /#(\d{6})$/.exec(text)?.[1];

/** Opens each page, sees its Spanish heading, and checks it is Spanish throughout. */
async function visitInSpanish(page: Page, headings: Record<string, string>) {
  for (const [path, heading] of Object.entries(headings)) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expectSpanish(page, path);
  }
}

test('a whole registration and payment in Spanish: pages, errors and texts', async ({ page, browser, snap }) => {
  test.setTimeout(180_000);
  const phone = newPhone();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pague su factura de Riverside Water & Power' })).toBeVisible();
  await expectSpanish(page, 'home');
  await snap('es-01-home');

  await page.getByRole('link', { name: 'Registrarse', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Regístrese para pagar en línea' })).toBeVisible();
  await expectSpanish(page, 'register');
  // A form error, in Spanish, from the zod schema through the catalogue.
  await page.getByRole('button', { name: 'Enviarme un código' }).click();
  await expect(page.getByText('Escriba su nombre.')).toBeVisible();
  await page.getByLabel('Su nombre').fill('Lucía Fernández');
  await page.getByLabel('Número de celular').fill(phone.typed);
  await page.getByRole('button', { name: 'Enviarme un código' }).click();
  await expect(page.getByRole('heading', { name: 'Escriba el código que le enviamos' })).toBeVisible();
  const code = await readCode(page, phone.national, 'registration');
  const [registrationText] = await textsTo(page, phone.national);
  expect(registrationText).toContain('es su clave para registrar este teléfono');
  // A wrong code first: the refusal, in Spanish, with the tries left.
  await page.getByLabel('Código de 6 dígitos').fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
  await page.getByRole('button', { name: 'Verificar y continuar' }).click();
  await expect(page.getByText('Ese código no es correcto. Le quedan 2 intentos.')).toBeVisible();
  await expectSpanish(page, 'registration code');
  await page.getByLabel('Código de 6 dígitos').fill(code);
  await page.getByRole('button', { name: 'Verificar y continuar' }).click();

  await expect(page.getByRole('heading', { name: 'Vincular una cuenta' })).toBeVisible();
  await expectSpanish(page, 'link an account');
  const customer = await sqlOne<{ language: string }>(`SELECT language FROM "Customer" WHERE "phoneE164" = $1`, [
    `+1${phone.national.replace(/\D/g, '')}`,
  ]);
  expect(customer.language).toBe('es-US');
  const account = accounts[22]!;
  await page.getByLabel('Número de cuenta').fill(account.accountNumber);
  await page.getByLabel(/Código postal de la dirección de servicio/).fill(account.postalCode);
  await page.getByRole('button', { name: 'Vincular la cuenta' }).click();
  await expect(page.getByText('Cuenta vinculada.')).toBeVisible();
  await expectSpanish(page, 'bills');
  await snap('es-02-bills');

  // An account with a mobile number on file links only with the code texted to it: that page too.
  const onFile = accounts[32]!;
  await page.goto('/accounts/link');
  await page.getByLabel('Número de cuenta').fill(onFile.accountNumber);
  await page.getByLabel(/Código postal de la dirección de servicio/).fill(onFile.postalCode);
  await page.getByRole('button', { name: 'Vincular la cuenta' }).click();
  await expect(page.getByRole('heading', { name: 'Escriba el código de esta cuenta' })).toBeVisible();
  await expectSpanish(page, 'linking with the code to the number on file');
  await page.goto('/bills');

  const section = page.getByRole('region', { name: `Cuenta •••• ${account.accountNumber.slice(-4)}` });
  await section.getByRole('link', { name: /Pagar la factura/ }).click();
  await expect(page.getByRole('heading', { name: 'Pague su factura' })).toBeVisible();
  await snap('es-03-pay');
  await page.getByLabel('Monto a pagar ($)').fill('4.00');
  await fillNewCard(page, '4242 4242 4242 4242');
  await expectSpanish(page, 'pay');
  await page.getByRole('button', { name: 'Revisar el pago' }).click();

  await expect(page.getByRole('heading', { name: 'Revise su pago' })).toBeVisible();
  await expect(page.getByTestId('payment-sentence')).toHaveText(
    'Pagar $4.00 a Riverside Water & Power con Visa ••4242',
  );
  await expectSpanish(page, 'review');
  await page.getByRole('button', { name: 'Enviarme el código para pagar' }).click();
  await expect(page.getByRole('heading', { name: 'Escriba el código para pagar' })).toBeVisible();
  await expectSpanish(page, 'payment code');
  const payCode = await readCode(page, phone.national, 'payment');
  const [paymentText] = await textsTo(page, phone.national);
  expect(paymentText).toContain('para pagar $4.00 con Visa x4242');
  await page.getByLabel('Código de 6 dígitos').fill(payCode);
  await page.getByRole('button', { name: 'Pagar ahora' }).click();

  await expect(page.getByRole('heading', { name: 'Recibo' })).toBeVisible();
  await expect(page.getByText('Recibimos su pago. ¡Gracias!')).toBeVisible();
  await expectSpanish(page, 'receipt');
  await snap('es-04-receipt');
  const confirmation = (await page.getByTestId('confirmation-number').textContent())!.trim();
  await expect
    .poll(async () => (await textsTo(page, phone.national))[0])
    .toContain(`Confirmacion ${confirmation}. Gracias.`);

  await page.getByRole('link', { name: 'Historial de pagos' }).click();
  await expect(page.getByRole('heading', { name: 'Historial de pagos' })).toBeVisible();
  await expect(page.getByText(`Confirmación ${confirmation}`)).toBeVisible();
  await expectSpanish(page, 'payment history');

  // A payment cancelled on its review page, and a bank debit that is processing: their pages too.
  const payAgain = async (amount: string) => {
    await page.goto('/bills');
    await section.getByRole('link', { name: /Pagar la factura/ }).click();
    await page.getByLabel('Monto a pagar ($)').fill(amount);
  };
  await payAgain('1.00');
  await fillNewCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Revisar el pago' }).click();
  await page.getByRole('button', { name: 'Cancelar este pago' }).click();
  await expect(page.getByRole('heading', { name: 'Mis facturas' })).toBeVisible();
  // Newest first in the history: the cancelled one, with its details.
  await page.goto('/payments');
  await expect(page.getByText('Cancelado').first()).toBeVisible();
  await page.getByRole('link', { name: 'Detalles' }).first().click();
  await expect(page.getByRole('heading', { name: 'Pago cancelado' })).toBeVisible();
  await expectSpanish(page, 'a cancelled payment');
  await letAMinutePass(phone.national);
  await payAgain('3.00');
  await page.getByRole('radio', { name: /Una cuenta bancaria nueva/ }).check();
  await page.getByLabel('Número de ruta').fill('110000000');
  await page.getByLabel('Número de cuenta').fill('000123456789');
  await page.getByRole('checkbox', { name: /Autorizo a Riverside Water & Power a debitar/ }).check();
  await page.getByRole('button', { name: 'Revisar el pago' }).click();
  await page.getByRole('button', { name: 'Enviarme el código para pagar' }).click();
  await page.getByLabel('Código de 6 dígitos').fill(await readCode(page, phone.national, 'payment', payCode));
  await page.getByRole('button', { name: 'Pagar ahora' }).click();
  await expect(page.getByRole('heading', { name: 'Pago en proceso' })).toBeVisible();
  await expectSpanish(page, 'a bank debit processing');

  // The rest of a signed-in customer's pages, then the ones for everyone.
  await visitInSpanish(page, {
    '/methods': 'Tarjetas y cuentas guardadas',
    '/profile': 'Mi perfil',
    '/profile/phone': 'Cambiar mi número',
    '/profile/close': 'Cerrar mi cuenta',
  });
  // The code steps of changing the number and of closing the account, in Spanish (not finished).
  await page.goto('/profile/phone');
  await page.getByLabel('Número de celular nuevo').fill(newPhone().typed);
  await page.getByRole('button', { name: 'Enviarme los códigos' }).click();
  await expect(page.getByTestId('change-step')).toContainText('Paso 1 de 2');
  await expectSpanish(page, 'number change, code to the current number');
  await page.getByLabel('Código de 6 dígitos').fill(await readCode(page, phone.national, 'account'));
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByTestId('change-step')).toContainText('Paso 2 de 2');
  await expectSpanish(page, 'number change, code to the new number');
  await page.goto('/profile/close');
  await page.getByRole('button', { name: 'Enviarme un código para cerrar mi cuenta' }).click();
  await expect(page.getByRole('button', { name: 'Cerrar mi cuenta' })).toBeVisible();
  await expectSpanish(page, 'close, code');

  // Staff, in a browser that asks for Spanish too, read English and see the customer's language.
  const staff = await (await browser.newContext({ locale: 'es-MX' })).newPage();
  await staffSignIn(staff, DEMO.staff);
  await expect(staff.locator('html')).toHaveAttribute('lang', 'en-US');
  await staff.getByRole('link', { name: 'Customers' }).click();
  await staff.getByLabel('Phone, name or account number').fill(phone.typed);
  await staff.getByRole('button', { name: 'Search' }).click();
  await staff.getByRole('link', { name: 'Lucía Fernández' }).click();
  await expect(staff.getByTestId('customer-language')).toHaveText('Pages and texts in Spanish');
  await staff.close();

  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/signed-out=1/);
  await visitInSpanish(page, {
    '/pay': 'Pagar sin registrarse',
    '/lost-phone': '¿Perdió su teléfono?',
    '/no-such-page': 'No se encontró la página',
  });

  // A lost phone, in Spanish: the number, the bill facts and the new number, its code, then the wait.
  const newNumber = newPhone();
  await page.goto('/lost-phone');
  await page.getByLabel('El número que perdió').fill(phone.typed);
  await page.getByLabel('Número de cuenta').fill(account.accountNumber);
  await page.getByLabel(/Código postal de la dirección de servicio/).fill(account.postalCode);
  await page.getByLabel('Su número de celular nuevo').fill(newNumber.typed);
  await page.getByRole('button', { name: 'Enviar un código a mi número nuevo' }).click();
  await expect(page.getByRole('heading', { name: 'Escriba el código enviado a su número nuevo' })).toBeVisible();
  await expectSpanish(page, 'lost phone, code');
  await page.getByLabel('Código de 6 dígitos').fill(await readCode(page, newNumber.national, 'account'));
  await page.getByRole('button', { name: 'Confirmar mi número nuevo' }).click();
  await expect(page.getByRole('heading', { name: 'Estamos revisando su solicitud' })).toBeVisible();
  await expectSpanish(page, 'lost phone, waiting for staff');
});

test('the switch changes the language, keeps the page, and the staff area stays English', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  await expectSpanish(page, 'sign-in');
  await page.getByLabel('Número de celular').fill(newPhone().typed);
  await page.getByRole('button', { name: 'Enviarme un código' }).click();
  await expect(page.getByRole('heading', { name: 'Escriba su código' })).toBeVisible();
  await expectSpanish(page, 'sign-in code');
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // Screen readers are told, in the new language.
  await expect(page.getByRole('status').filter({ hasText: 'Now in English' })).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expectNoViolations(page, 'sign-in (English, chosen)');
  // The choice outlives Accept-Language, and comes back when switched again.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pay your Riverside Water & Power bill' })).toBeVisible();
  await page.getByRole('button', { name: 'Cambiar a español' }).click();
  await expect(page.getByRole('heading', { name: 'Pague su factura de Riverside Water & Power' })).toBeVisible();

  await page.goto('/staff/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page.getByRole('button', { name: /English|Español/ })).toHaveCount(0);
});

test('paying once without registering, in Spanish: a bad number, a declined card, the reason in Spanish', async ({
  page,
}) => {
  const phone = newPhone();
  const account = accounts[31]!;
  await page.goto('/pay');
  await page.getByLabel('Número de cuenta').fill(account.accountNumber);
  await page.getByLabel(/Código postal de la dirección de servicio/).fill('00000');
  await page.getByRole('button', { name: 'Buscar mi factura' }).click();
  await expect(page.getByText('No pudimos relacionar esos datos con una cuenta.', { exact: false })).toBeVisible();
  await page.getByLabel(/Código postal de la dirección de servicio/).fill(account.postalCode);
  await page.getByRole('button', { name: 'Buscar mi factura' }).click();
  await expect(page.getByRole('heading', { name: 'Adónde enviamos su código' })).toBeVisible();
  await expectSpanish(page, 'guest bill, phone step');
  await page.getByLabel('Número de celular').fill('12');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(
    page.getByText('No es un número de celular al que podamos enviar mensajes.', { exact: false }),
  ).toBeVisible();
  await page.getByLabel('Número de celular').fill(phone.typed);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByText('El código y el recibo van al', { exact: false })).toBeVisible();
  await expectSpanish(page, 'guest bill, pay step');

  await page.getByLabel('Monto a pagar ($)').fill('2.00');
  await fillNewCard(page, '4000 0000 0000 0002');
  await page.getByRole('button', { name: 'Revisar el pago' }).click();
  await page.getByRole('button', { name: 'Enviarme el código para pagar' }).click();
  await page.getByLabel('Código de 6 dígitos').fill(await readCode(page, phone.national, 'payment'));
  await page.getByRole('button', { name: 'Pagar ahora' }).click();
  await expect(page.getByRole('heading', { name: 'Pago rechazado' })).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Su tarjeta fue rechazada. No se cobró nada.' }),
  ).toBeVisible();
  await expectSpanish(page, 'declined receipt');
  // The one-time payer's texts follow the page they paid on: the code, then the decline.
  await expect.poll(async () => (await textsTo(page, phone.national))[0]).toContain('Su pago de $2.00 para la cta ..');
  const [declined, codeText] = await textsTo(page, phone.national);
  expect(declined).toContain('no se hizo. No se cobro nada.');
  expect(codeText).toContain('Clave ');

  // Again with a card that pays: the receipt, and its offer to register, in Spanish.
  await letAMinutePass(phone.national);
  await page.getByRole('link', { name: 'Empezar un pago nuevo' }).click();
  await page.getByLabel('Monto a pagar ($)').fill('2.00');
  await fillNewCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Revisar el pago' }).click();
  await page.getByRole('button', { name: 'Enviarme el código para pagar' }).click();
  await page
    .getByLabel('Código de 6 dígitos')
    .fill(await readCode(page, phone.national, 'payment', codeFrom(codeText!)));
  await page.getByRole('button', { name: 'Pagar ahora' }).click();
  await expect(page.getByRole('heading', { name: 'Recibo' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pague más rápido la próxima vez' })).toBeVisible();
  await expectSpanish(page, 'guest receipt with the offer to register');
});
