/** Entry point of the universe hub. */
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { applyTheme } from './theme.ts';
import './styles.css';

applyTheme();
render(() => <App />, document.getElementById('root')!);
