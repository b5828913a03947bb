/** Entry point of the admin surface. */
import { render } from 'solid-js/web';
import { applyTheme } from '../../hub/src/theme.ts';
import { App } from './App.tsx';
import '../../hub/src/styles.css';
import './admin.css';

applyTheme();
render(() => <App />, document.getElementById('root')!);
