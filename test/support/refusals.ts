import { jest } from '@jest/globals';
import { RepeatedSecurityEvents } from '../../apps/api/src/accounts/repeated-security-events.js';
import { Clock } from '../../apps/api/src/common/clock.js';
import type { TestApp } from './app.js';

/**
 * Closes the window in which refused requests are aggregated (as its timer does when the window is over), writing
 * the counts of the closed window now, so that the next refusal is written in full.
 */
export async function closeRefusalWindow(app: TestApp): Promise<void> {
  const spy = jest.spyOn(app.running.app.get(Clock), 'realNow').mockReturnValue(new Date(Date.now() + 3_600_000));
  try {
    await app.running.app.get(RepeatedSecurityEvents).closeDue();
  } finally {
    spy.mockRestore();
  }
}
