import { getTranslations } from 'next-intl/server';
import { setLanguageAction } from '@/app/language-actions';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import { requestLocale } from '@/lib/i18n/server';
import { idle } from '@/lib/validation/form-state';
import { LanguageSwitchButton } from './language-switch-button';

/**
 * The language switch on every customer page: one button naming the other language in that
 * language ("Español"), marked `lang` so screen readers say it right. It works without script (a
 * plain form post) and brings the person back to the same page, now in the other language; with
 * script, a status message in that language says so (without it, the new page load is announced).
 */
export async function LanguageSwitch() {
  const [locale, t] = await Promise.all([requestLocale(), getTranslations('language')]);
  const other = LOCALES.find((l) => l !== locale)!;
  // A plain form post: the form state an action takes first is bound here, the FormData follows.
  const action = setLanguageAction.bind(null, idle) as unknown as (formData: FormData) => Promise<void>;
  return (
    <nav aria-label={t('label')} className="ml-auto text-sm">
      <span className="sr-only">{t('current')}</span>
      <LanguageSwitchButton
        action={action}
        locale={other}
        name={LOCALE_NAMES[other]}
        label={t('switchTo')}
        switchedHere={t('switched')}
      />
    </nav>
  );
}
