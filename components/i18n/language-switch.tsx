import { getLocale, getTranslations } from 'next-intl/server';
import { setLanguageAction } from '@/app/language-actions';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales';
import { idle } from '@/lib/validation/form-state';

/**
 * The language switch on every customer page: one button naming the other language in that
 * language ("Español"), marked `lang` so screen readers say it right. It works without script (a
 * plain form post) and brings the person back to the same page, now in the other language, whose
 * new title the router announces.
 */
export async function LanguageSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('language')]);
  const other = LOCALES.find((l) => l !== locale) as Locale;
  // A plain form post: the form state an action takes first is bound here, the FormData follows.
  const action = setLanguageAction.bind(null, idle) as unknown as (formData: FormData) => Promise<void>;
  return (
    <nav aria-label={t('label')} className="ml-auto text-sm">
      <span className="sr-only">{t('current')}</span>
      <form action={action}>
        <input type="hidden" name="locale" value={other} />
        <button
          type="submit"
          lang={other.slice(0, 2)}
          aria-label={t('switchTo')}
          className="rounded-md border border-slate-300 px-2 py-1 font-semibold text-brand-800 hover:bg-brand-50"
        >
          {LOCALE_NAMES[other]}
        </button>
      </form>
    </nav>
  );
}
