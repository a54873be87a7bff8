/**
 * The only script of our own pages, inlined, and optional: without it every page reads the same.
 * It shows the copy buttons (hidden until a clipboard exists) and turns each server block into a
 * picker: choosing a server uncomments its `export BILLING_API_URL=` line, remembered across pages.
 */
export const SCRIPT = `(() => {
  const live = document.getElementById('copy-status');
  for (const button of document.querySelectorAll('button.copy')) {
    if (!navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const pre = button.parentElement.querySelector('pre');
      await navigator.clipboard.writeText(pre.textContent.replace(/\\n$/, ''));
      button.textContent = 'Copied';
      if (live) live.textContent = 'Copied to the clipboard';
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
    });
  }
  const KEY = 'billing-docs-server';
  for (const picker of document.querySelectorAll('select.server-picker')) {
    const code = picker.closest('.code').querySelector('pre code');
    const show = (url) => {
      code.textContent = code.textContent.split('\\n').map((line) => {
        const m = /^(# )?(export BILLING_API_URL=)(\\S+)(.*)$/.exec(line);
        return m ? (m[3] === url ? '' : '# ') + m[2] + m[3] + m[4] : line;
      }).join('\\n');
    };
    picker.closest('p').hidden = false;
    let saved = null;
    try { saved = localStorage.getItem(KEY); } catch {}
    if (saved && [...picker.options].some((o) => o.value === saved)) { picker.value = saved; show(saved); }
    picker.addEventListener('change', () => {
      show(picker.value);
      try { localStorage.setItem(KEY, picker.value); } catch {}
    });
  }
})();`;
