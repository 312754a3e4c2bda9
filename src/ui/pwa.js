// The page's side of the service worker (public/sw.js): registers it, tells the app when a newer build is waiting,
// and hands over to it when the user agreed. Plain JavaScript (a wasm-bindgen snippet, served from the app's own
// origin) because these are a handful of promise callbacks that would cost far more as Rust glue.

let agreed = false;

// `ready` is called (at most once per waiting worker) when a new build has installed and waits for the page.
export function startWorker(ready) {
  if (!('serviceWorker' in navigator)) return;
  const hadWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only a handover the user asked for in this tab reloads it. The first visit's worker claiming the page needs
    // nothing; a newer build that another tab's user took over this one with is offered here too, to reload when
    // this tab's user chooses.
    if (agreed) location.reload();
    else if (hadWorker) ready();
  });
  navigator.serviceWorker.register('/sw.js').then(
    (registration) => {
      const watch = (worker) => {
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) ready();
        });
      };
      if (registration.waiting && navigator.serviceWorker.controller) ready();
      watch(registration.installing);
      registration.addEventListener('updatefound', () => watch(registration.installing));
      // A tablet left open all day looks for a new build every hour (one same-origin request for sw.js).
      setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
    },
    // No worker (a private window that refuses them, a file:// page): the app still runs, online only.
    () => {},
  );
}

// Activates the waiting build; the page reloads once it has taken over.
export function applyUpdate() {
  agreed = true;
  navigator.serviceWorker.getRegistration().then((registration) => {
    if (registration && registration.waiting) registration.waiting.postMessage('update');
    else location.reload();
  });
}
