// Loads the parts of the app a family opens rarely (src/parts.rs): the
// chronology, the letters, the import, the lock's settings, the agenda and the
// council report, each a wasm module of its own, fetched the first time one of
// its pages is opened, with this build's integrity (written in at build time
// by build/parts.mjs). The service worker keeps them once the first screen is
// usable (assets/register-sw.js). The part `locked` opens every start but
// the usual one for the first module, and keeps that store
// (src/store_part.rs); with `lock`, whose Unlock page a locked store shows
// first, the service worker keeps it when it installs.
(() => {
  const base = document.currentScript.src;
  const INTEGRITY = { PARTS_INTEGRITY: '' };
  const loading = new Map();
  window.ehcPart = (name) => {
    if (!loading.has(name)) {
      const url = (file) => new URL(`part-${name}${file}`, base).href;
      const load = import(url('.js')).then(async (module) => {
        await module.default({ module_or_path: fetch(url('_bg.wasm'), { integrity: INTEGRITY[name] }) });
        return module;
      });
      // A failed load (offline before the part was kept) is tried again next time.
      load.catch(() => loading.delete(name));
      loading.set(name, load);
    }
    return loading.get(name);
  };
})();
