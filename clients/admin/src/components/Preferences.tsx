/** Language and theme switches (the theme is the hub's: one choice for every MENTALIA surface). */
import { MoonIcon } from '../../../hub/src/icons.tsx';
import { theme, toggleTheme } from '../../../hub/src/theme.ts';
import { lang, setLang, t } from '../i18n.ts';

export function Preferences() {
  const other = () => (lang() === 'es' ? 'en' : 'es');
  return (
    <div class="prefs">
      {/* Named in the language it switches to, as people look for their own language's name. */}
      <button class="btn ghost" type="button" lang={other()} onClick={() => setLang(other())}>
        {t('lang.switch')}
      </button>
      <button class="btn ghost icon-only" type="button" aria-label={t('theme.dark')} title={t('theme.dark')}
        aria-pressed={theme() === 'dark'} onClick={toggleTheme}>
        <MoonIcon />
      </button>
    </div>
  );
}
