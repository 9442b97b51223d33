/**
 * "Việc cần làm": each source lists one kind of work for the roles it serves, each item a link to where it is
 * done — a candidate's page, a review session (at the candidate concerned) or a council member's checklist.
 */
import type { Role, SubjectKind } from '#domain';
import type { CandidateView, SessionDetail } from '#contracts';
// The table of what each stage allows (the statechart's answer written out, checked against it in libs/workflow),
// not the statechart itself: the tasks page is a first screen and must not bring XState along (docs/performance.md).
import { REVIEW_SESSION_STATUS_CODES, sessionClosed, stageAllows, stagesWhere, type CandidateState, type ReviewSessionStatus } from '#workflow';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { todayIso } from '../../lib/format';

export interface TaskItem {
  key: string;
  title: string;
  link: string;
  /** The candidate concerned, when there is one: its state, kind and unit are shown under the title. */
  candidate?: { state: CandidateState; kind: SubjectKind; unitName?: string };
  /** Translation key and values of the line under the title. */
  detail?: { key: string; values?: Record<string, string | number> };
  urgent?: boolean;
}

export interface TaskSource {
  key: string;
  roles: readonly Role[];
  /** Translation keys of the group's title and of its explanation. */
  title: string;
  hint: string;
  load(signal: AbortSignal): Promise<TaskItem[]>;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 20;
/** A notice ending within this many days is shown as urgent. */
const NOTICE_SOON_DAYS = 3;

/** Every candidate in a state that the reader may see (the API scopes unit heads to their units). */
export async function candidatesIn(state: CandidateState, signal: AbortSignal): Promise<CandidateView[]> {
  const all: CandidateView[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const result = await api.get('/api/candidates', { query: { state, page, pageSize: PAGE_SIZE }, signal });
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) break;
  }
  return all;
}

/** Runs `work` over items, a few at a time. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const candidateTask = (candidate: CandidateView, detail?: TaskItem['detail'], urgent?: boolean): TaskItem => ({
  key: candidate.id,
  title: candidate.name,
  link: ROUTES.candidate(candidate.id),
  candidate: { state: candidate.state, kind: candidate.kind, unitName: candidate.unit?.name },
  detail,
  urgent,
});

/** Sessions at the given stages, each read whole. */
async function sessionsAt(statuses: readonly ReviewSessionStatus[], signal: AbortSignal): Promise<SessionDetail[]> {
  const lists = await Promise.all(statuses.map((status) => api.get('/api/review-sessions', { query: { status }, signal })));
  return mapLimited(lists.flat(), 4, (s) => api.get('/api/review-sessions/{id}', { path: { id: s.id }, signal }));
}

/** Sessions not yet closed by their final decision. */
const OPEN_STAGES = REVIEW_SESSION_STATUS_CODES.filter((s) => !sessionClosed(s));

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export const TASK_SOURCES: TaskSource[] = [
  {
    key: 'overdueCheckIns',
    roles: ['UNIT_HEAD'],
    title: 'tasks.overdue.title',
    hint: 'tasks.overdue.hint',
    load: async (signal) => {
      const nurturing = await candidatesIn('nurturing', signal);
      const plans = await mapLimited(nurturing, 4, (c) => api.get('/api/candidates/{id}/nurturing', { path: { id: c.id }, signal }));
      return nurturing
        .map((candidate, i) => ({ candidate, plan: plans[i]! }))
        .filter(({ plan }) => plan.overdue)
        .sort((a, b) => (a.plan.nextCheckInDue ?? '').localeCompare(b.plan.nextCheckInDue ?? ''))
        .map(({ candidate, plan }) => candidateTask(candidate, { key: 'tasks.overdue.detail', values: { due: plan.nextCheckInDue ?? '', last: plan.lastCheckInOn ?? '' } }, true));
    },
  },
  {
    key: 'toStartNurturing',
    roles: ['UNIT_HEAD'],
    title: 'tasks.discovered.title',
    hint: 'tasks.discovered.hint',
    load: async (signal) => (await candidatesIn('discovered', signal)).map((c) => candidateTask(c, { key: 'tasks.discovered.detail', values: { since: c.createdAt } })),
  },
  {
    key: 'toResumeNurturing',
    roles: ['UNIT_HEAD'],
    title: 'tasks.returned.title',
    hint: 'tasks.returned.hint',
    load: async (signal) => (await candidatesIn('returned', signal)).map((c) => candidateTask(c, { key: 'tasks.returned.detail', values: { since: c.updatedAt } })),
  },
  {
    key: 'underCouncil',
    roles: ['UNIT_HEAD'],
    title: 'tasks.underCouncil.title',
    hint: 'tasks.underCouncil.hint',
    load: async (signal) =>
      (await api.get('/api/dashboards/office', { signal })).underCouncil.map(({ candidate, session, next }): TaskItem => ({
        key: candidate.id,
        title: candidate.name,
        link: ROUTES.candidate(candidate.id),
        candidate: { state: candidate.state, kind: candidate.kind, unitName: candidate.unit.name },
        urgent: next !== null && next.daysLeft >= 0 && next.daysLeft <= NOTICE_SOON_DAYS,
        detail: !session
          ? { key: 'tasks.underCouncil.awaiting' }
          : next
            ? { key: `tasks.underCouncil.next.${next.kind}`, values: { endsOn: next.date, session: session.title, count: next.daysLeft } }
            : { key: 'tasks.underCouncil.inSession', values: { session: session.title } },
      })),
  },
  {
    key: 'myChecklists',
    roles: ['COUNCIL_MEMBER'],
    title: 'tasks.myChecklists.title',
    hint: 'tasks.myChecklists.hint',
    load: async (signal) =>
      (await api.get('/api/council/my-work', { signal })).checklists.map((w) => ({
        key: w.itemId,
        title: w.name,
        link: ROUTES.checklist(w.sessionId, w.itemId),
        detail: { key: 'tasks.myChecklists.detail', values: { session: w.title } },
      })),
  },
  {
    key: 'myVotes',
    roles: ['COUNCIL_MEMBER'],
    title: 'tasks.myVotes.title',
    hint: 'tasks.myVotes.hint',
    load: async (signal) =>
      (await api.get('/api/council/my-work', { signal })).votes.map((w) => ({
        key: w.itemId,
        title: w.name,
        link: ROUTES.session(w.sessionId, w.itemId),
        urgent: true,
        detail: { key: 'tasks.myVotes.detail', values: { session: w.title } },
      })),
  },
  {
    key: 'decisionsToConfirm',
    roles: ['COUNCIL_SECRETARY'],
    title: 'tasks.decisions.title',
    hint: 'tasks.decisions.hint',
    load: async (signal) =>
      (await sessionsAt(stagesWhere('CONFIRM_DECISION'), signal)).flatMap((s) =>
        s.items
          .filter((i) => i.status === 'DECIDABLE')
          .map((i) => ({
            key: i.id,
            title: i.candidate.name,
            link: ROUTES.session(s.id, i.id),
            candidate: { state: i.candidate.state, kind: i.candidate.kind, unitName: i.candidate.unitName },
            urgent: true,
            detail: { key: `tasks.decisions.detail.${i.outcome ?? 'NO_DECISION'}`, values: { session: s.title } },
          })),
      ),
  },
  {
    key: 'noticesClosing',
    roles: ['COUNCIL_SECRETARY'],
    title: 'tasks.notices.title',
    hint: 'tasks.notices.hint',
    load: async (signal) => {
      const today = todayIso();
      return (await sessionsAt(stagesWhere('RECORD_COMMENT'), signal))
        .filter((s) => s.notice)
        .sort((a, b) => a.notice!.endsOn.localeCompare(b.notice!.endsOn))
        .map((s): TaskItem => {
          const unanswered = s.comments.filter((c) => !c.answerId).length;
          const left = daysBetween(today, s.notice!.endsOn);
          const key = left < 0 ? (unanswered > 0 ? 'tasks.notices.endedUnanswered' : 'tasks.notices.ended') : 'tasks.notices.running';
          return {
            key: s.id,
            title: s.title,
            link: ROUTES.session(s.id),
            urgent: left < NOTICE_SOON_DAYS || unanswered > 0,
            detail: { key, values: { endsOn: s.notice!.endsOn, unanswered, days: Math.max(left, 0) } },
          };
        });
    },
  },
  {
    key: 'sessionsRunning',
    roles: ['COUNCIL_SECRETARY'],
    title: 'tasks.sessions.title',
    hint: 'tasks.sessions.hint',
    load: async (signal) =>
      (await sessionsAt(stagesWhere('SUBMIT_CHECKLIST'), signal)).map((s): TaskItem => {
        const pending = s.items.filter((i) => i.status === 'PENDING');
        const unassigned = pending.filter((i) => i.reviewers.length === 0).length;
        const missing = pending.filter((i) => i.checklists.filter((k) => k.inForce).length < i.reviewers.length).length;
        return {
          key: s.id,
          title: s.title,
          link: ROUTES.session(s.id),
          detail:
            stageAllows(s.status, 'OPEN_VOTING')
              ? { key: 'tasks.sessions.preparing', values: { items: s.items.length, unassigned, missing } }
              : { key: 'tasks.sessions.voting', values: { items: pending.length, voted: pending.filter((i) => i.voted.length >= s.members.length - i.conflicts.length).length } },
        };
      }),
  },
  {
    key: 'proposedNotInSession',
    roles: ['COUNCIL_SECRETARY'],
    title: 'tasks.proposed.title',
    hint: 'tasks.proposed.hint',
    load: async (signal) => {
      const [proposed, open] = await Promise.all([candidatesIn('underReview', signal), sessionsAt(OPEN_STAGES, signal)]);
      const held = new Set(open.flatMap((s) => s.items.filter((i) => i.closedAt === null).map((i) => i.candidate.id)));
      return proposed.filter((c) => !held.has(c.id)).map((c) => candidateTask(c, { key: 'tasks.proposed.detail', values: { since: c.updatedAt } }));
    },
  },
];
