import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { getGuestPass } from '@/lib/guest/guest-pass';
import { registrationOffer } from '@/lib/guest/register-guest';
import { consentWording } from '@/lib/sms/opt-out';
import { requestLocale } from '@/lib/i18n/server';
import { registerGuestAction } from './actions';
import { RegisterOfferForm } from './register-offer-form';

/** On a one-time payer's receipt: register with the number the payment code just proved. */
export async function GuestRegisterOffer() {
  const [offer, t, locale] = await Promise.all([
    getGuestPass().then(registrationOffer),
    getTranslations('guestPay'),
    requestLocale(),
  ]);
  if (!offer) return null;
  return (
    <section
      aria-labelledby="register-offer"
      className="no-print space-y-3 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="register-offer" className="text-lg font-semibold">
        {offer.registered ? t('hasAccount') : t('faster')}
      </h2>
      {offer.registered ? (
        <p>
          {t.rich('registered', {
            phone: offer.phoneMasked,
            link: (chunks) => (
              <Link href="/sign-in" className="font-semibold text-brand-800 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <>
          <p>{t('offer', { phone: offer.phoneMasked })}</p>
          <p className="text-sm text-slate-700">{consentWording(locale)}</p>
          <RegisterOfferForm action={registerGuestAction} />
        </>
      )}
    </section>
  );
}
