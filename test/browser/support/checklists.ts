/**
 * Council members' checklists submitted through the API, as the members would before the meeting: the session
 * screen opens the vote only once every candidate's reviewers have submitted theirs.
 */
import { expect } from '@jest/globals';
import type { TestApp } from '../../support/app.js';
import { fullChecklist } from '../../support/council.js';
import { DEMO_PASSWORD } from './browser.js';

interface SessionItems {
  items: { id: string; status: string; reviewers: string[]; criteria: { code: string }[]; checklists: { reviewerId: string; inForce: boolean }[] }[];
}

/** Every checklist still missing in the session, each submitted by its reviewer (demo members by default). */
export async function submitMissingChecklists(t: TestApp, sessionId: string, members = ['uyvien1', 'uyvien2', 'uyvien3']): Promise<number> {
  let submitted = 0;
  for (const username of members) {
    const client = await t.signIn(username, DEMO_PASSWORD);
    const me = (await client.get('/api/auth/me')).body.id as string;
    const detail = (await client.get(`/api/review-sessions/${sessionId}`)).body as SessionItems;
    for (const item of detail.items) {
      if (item.status !== 'PENDING' || !item.reviewers.includes(me) || item.checklists.some((k) => k.inForce && k.reviewerId === me)) continue;
      expect((await client.post(`/api/review-sessions/${sessionId}/items/${item.id}/checklists`).send(fullChecklist(item.criteria))).status).toBe(201);
      submitted += 1;
    }
  }
  return submitted;
}
