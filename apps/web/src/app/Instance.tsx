/**
 * What kind of instance this is and the rehearsal clock it runs on (GET /api/instance, public), for every page:
 * read at start and again whenever the address changes, so a change made elsewhere shows on the next screen.
 * While the rehearsal clock is on, a banner above every page says so, with the rehearsal date.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { InstanceView } from '#contracts';
import { api } from '../api/client';
import { useFormat } from '../lib/format';

interface InstanceState {
  instance: InstanceView | null;
  reload(): void;
}

const InstanceContext = createContext<InstanceState>({ instance: null, reload: () => undefined });

export function InstanceProvider({ children }: { children: ReactNode }) {
  const [instance, setInstance] = useState<InstanceView | null>(null);
  const [tick, setTick] = useState(0);
  const { pathname } = useLocation();
  useEffect(() => {
    const controller = new AbortController();
    api.get('/api/instance', { signal: controller.signal }).then(
      (value) => setInstance(value),
      () => undefined, // Not knowing is not worth an error on every page; the next address asks again.
    );
    return () => controller.abort();
  }, [pathname, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return <InstanceContext.Provider value={{ instance, reload }}>{children}</InstanceContext.Provider>;
}

export function useInstance(): InstanceState {
  return useContext(InstanceContext);
}

/** The banner of a rehearsal: nothing at all while the product reads the real date. */
export function RehearsalBanner() {
  const { t } = useTranslation();
  const format = useFormat();
  const clock = useInstance().instance?.rehearsalClock;
  if (!clock) return null;
  return (
    <Alert
      banner
      type="error"
      className="rehearsal-banner"
      role="status"
      data-testid="rehearsal-banner"
      title={
        <span>
          <strong>{t('rehearsal.banner', { date: format.date(clock.today) })}</strong>{' '}
          <span className="rehearsal-banner-detail">{t('rehearsal.bannerDetail', { real: format.date(clock.realToday) })}</span>
        </span>
      }
    />
  );
}
