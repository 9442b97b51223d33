import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Changes the address's query parameters starting from the address as it is now, not as it was when the
 * component last rendered: some inputs keep an earlier handler, and two filters changed in quick succession
 * must both stay.
 */
export function useParamUpdater(): (change: (params: URLSearchParams) => void) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (change) => {
      const next = new URLSearchParams(window.location.search);
      change(next);
      setParams(next, { replace: true });
    },
    [setParams],
  );
}
