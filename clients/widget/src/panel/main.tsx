/** Entry of the widget panel: parameters from the loader, language and theme, then the app. */
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { setLang } from './i18n.ts';
import { readParams } from './session.ts';
import './styles.css';

const params = readParams(location);
setLang(params.lang);

// `auto` follows the visitor's system setting, live; the partner can force light or dark with data-theme.
const media = matchMedia('(prefers-color-scheme: dark)');
const applyTheme = () => {
  document.documentElement.dataset.theme = params.theme === 'auto' ? (media.matches ? 'dark' : 'light') : params.theme;
};
media.addEventListener('change', applyTheme);
applyTheme();

render(() => <App params={params} />, document.getElementById('root')!);
