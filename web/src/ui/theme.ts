// Light, dark or the system's choice, remembered in this browser; CSS does the rest from data-theme.

const KEY = 'airlock.theme';
type Theme = 'system' | 'light' | 'dark';

/** Apply the saved theme and wire the header's picker. */
export function setupTheme(select: HTMLSelectElement): void {
  const saved = (localStorage.getItem(KEY) as Theme | null) ?? 'system';
  apply(saved);
  select.value = saved;
  select.addEventListener('change', () => {
    const t = select.value as Theme;
    localStorage.setItem(KEY, t);
    apply(t);
  });
}

function apply(t: Theme): void {
  if (t === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = t;
}
