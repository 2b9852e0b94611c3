// The page's entry: theme, navigation, and one view at a time in <main>.
import './styles.css';
import { errorBox } from './api/errors.js';
import { playground } from './playground/view.js';
import { currentRoute } from './router.js';
import { applyFontSize } from './ui/font-size.js';
import { setupTheme } from './ui/theme.js';

setupTheme(document.getElementById('theme') as HTMLSelectElement);
applyFontSize();
const main = document.getElementById('main')!;

async function render(): Promise<void> {
  const route = currentRoute();
  const section = route.parts[0] === 'problems' || route.parts[0] === 'submissions' ? 'problems' : 'playground';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-nav]')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  try {
    if (section === 'problems') {
      // The problem pages (Markdown and all) load only when visited: the playground's first load stays small.
      const { problems } = await import('./problems/routes.js');
      await problems(main, route.parts[0] === 'submissions' ? ['/submissions'] : route.parts.slice(1));
    } else {
      await playground(main, route.query.get('s') ?? undefined);
    }
  } catch (e) {
    main.replaceChildren(errorBox(e));
  }
}

window.addEventListener('hashchange', () => {
  void render().then(() => main.focus({ preventScroll: true }));
});
void render();
