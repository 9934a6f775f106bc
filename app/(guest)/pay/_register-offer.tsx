import Link from 'next/link';
import { getGuestPass } from '@/lib/guest/guest-pass';
import { registrationOffer } from '@/lib/guest/register-guest';
import { consentWording } from '@/lib/sms/opt-out';
import { requestLocale } from '@/lib/i18n/server';
import { registerGuestAction } from './actions';
import { RegisterOfferForm } from './register-offer-form';

/** On a one-time payer's receipt: register with the number the payment code just proved. */
export async function GuestRegisterOffer() {
  const offer = await registrationOffer(await getGuestPass());
  if (!offer) return null;
  return (
    <section
      aria-labelledby="register-offer"
      className="no-print space-y-3 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="register-offer" className="text-lg font-semibold">
        {offer.registered ? 'This number has an account' : 'Pay faster next time'}
      </h2>
      {offer.registered ? (
        <p>
          {offer.phoneMasked} is registered with us.{' '}
          <Link href="/sign-in" className="font-semibold text-brand-800 underline">
            Sign in
          </Link>{' '}
          to see this payment with your others.
        </p>
      ) : (
        <>
          <p>
            Create an account with {offer.phoneMasked}, the number you just confirmed: no new code needed. You will see
            your bills and payment history, and can save a card.
          </p>
          <p className="text-sm text-slate-700">{consentWording(await requestLocale())}</p>
          <RegisterOfferForm action={registerGuestAction} />
        </>
      )}
    </section>
  );
}
