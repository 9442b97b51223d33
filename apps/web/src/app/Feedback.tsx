/**
 * What Ant Design's `App` gives the screens (`App.useApp()`: message, notification, modal), without loading its
 * code with the first screen (about 18 KB gzip, docs/performance.md): the sign-in page, the frame and the tasks
 * page never use them. The box is Ant Design's `App` box (its text colour, size, line height and font, from the
 * theme); the hooks and their holders (feedback-holders.tsx) load with the first screen that may use them
 * (`loadFeedback`, awaited by App.tsx's lazy pages).
 */
import { theme } from 'antd';
import AppContext from 'antd/es/app/context';
import { Suspense, lazy, useEffect, useState, type ReactNode } from 'react';

type AppApi = React.ContextType<typeof AppContext>;

let current: AppApi | undefined;
let requested: (() => void) | undefined;
let isRequested = false;
let announceReady: () => void;
const ready = new Promise<void>((resolve) => {
  announceReady = resolve;
});

/** Called by the holders once their hooks have answered: from then on every call goes straight to them. */
export function feedbackReady(api: AppApi) {
  current = api;
  announceReady();
}

const loadHolders = () => import('./feedback-holders');

/**
 * Loads the holders' code (once) and has them drawn. The promise is the code's, not the drawing's: a screen waits
 * for it inside the router's transition, and the holders are drawn in an update of their own (a transition waiting
 * for its own drawing would wait for ever); calls made in between wait for the holders (`forward`).
 */
export function loadFeedback(): Promise<unknown> {
  if (!isRequested) {
    isRequested = true;
    setTimeout(() => requested?.(), 0);
  }
  return loadHolders();
}

/** Calls made before the holders answer (none in practice: screens await loadFeedback) wait for them. */
function forward<K extends keyof AppApi>(part: K): AppApi[K] {
  return new Proxy({} as object, {
    get: (_, name: string) =>
      (...args: unknown[]) => {
        const call = () => (current![part] as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
        if (current) return call();
        void ready.then(call);
        return undefined;
      },
  }) as AppApi[K];
}

const API: AppApi = { message: forward('message'), notification: forward('notification'), modal: forward('modal') };

const Holders = lazy(loadHolders);

export function Feedback({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const [wanted, setWanted] = useState(isRequested);
  useEffect(() => {
    requested = () => setWanted(true);
    if (isRequested) setWanted(true);
    return () => {
      requested = undefined;
    };
  }, []);
  return (
    <AppContext.Provider value={API}>
      <div className="ant-app" style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
        {children}
        {wanted && (
          <Suspense fallback={null}>
            <Holders />
          </Suspense>
        )}
      </div>
    </AppContext.Provider>
  );
}
