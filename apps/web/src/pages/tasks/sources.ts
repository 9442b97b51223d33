/**
 * "Việc cần làm": each source lists one kind of work for the roles it serves, each item a link to where it
 * is done. The council's checklists and votes, public notices closing and decisions to confirm become more
 * sources here when their API lands.
 */
import type { Role } from '#domain';
import type { CandidateState } from '#workflow';
import { api } from '../../api/client';
import type { Candidate, Nurturing, Page } from '../../api/types';

export interface TaskItem {
  candidate: Candidate;
  /** Translation key and values of the line under the name. */
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

/** Every candidate in a state that the reader may see (the API scopes unit heads to their units). */
export async function candidatesIn(state: CandidateState, signal: AbortSignal): Promise<Candidate[]> {
  const all: Candidate[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const result = await api.get<Page<Candidate>>('/api/candidates', { state, page, pageSize: PAGE_SIZE }, signal);
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

export const TASK_SOURCES: TaskSource[] = [
  {
    key: 'overdueCheckIns',
    roles: ['UNIT_HEAD'],
    title: 'tasks.overdue.title',
    hint: 'tasks.overdue.hint',
    load: async (signal) => {
      const nurturing = await candidatesIn('nurturing', signal);
      const plans = await mapLimited(nurturing, 4, (c) => api.get<Nurturing>(`/api/candidates/${c.id}/nurturing`, undefined, signal));
      return nurturing
        .map((candidate, i) => ({ candidate, plan: plans[i]! }))
        .filter(({ plan }) => plan.overdue)
        .sort((a, b) => (a.plan.nextCheckInDue ?? '').localeCompare(b.plan.nextCheckInDue ?? ''))
        .map(({ candidate, plan }) => ({
          candidate,
          urgent: true,
          detail: { key: 'tasks.overdue.detail', values: { due: plan.nextCheckInDue ?? '', last: plan.lastCheckInOn ?? '' } },
        }));
    },
  },
  {
    key: 'toStartNurturing',
    roles: ['UNIT_HEAD'],
    title: 'tasks.discovered.title',
    hint: 'tasks.discovered.hint',
    load: async (signal) => (await candidatesIn('discovered', signal)).map((candidate) => ({ candidate, detail: { key: 'tasks.discovered.detail', values: { since: candidate.createdAt } } })),
  },
  {
    key: 'toResumeNurturing',
    roles: ['UNIT_HEAD'],
    title: 'tasks.returned.title',
    hint: 'tasks.returned.hint',
    load: async (signal) => (await candidatesIn('returned', signal)).map((candidate) => ({ candidate, detail: { key: 'tasks.returned.detail', values: { since: candidate.updatedAt } } })),
  },
  {
    key: 'toDecide',
    roles: ['COUNCIL_SECRETARY'],
    title: 'tasks.toDecide.title',
    hint: 'tasks.toDecide.hint',
    load: async (signal) => (await candidatesIn('underReview', signal)).map((candidate) => ({ candidate, detail: { key: 'tasks.toDecide.detail', values: { since: candidate.updatedAt } } })),
  },
  {
    key: 'underReview',
    roles: ['COUNCIL_MEMBER'],
    title: 'tasks.underReview.title',
    hint: 'tasks.underReview.hint',
    load: async (signal) => (await candidatesIn('underReview', signal)).map((candidate) => ({ candidate, detail: { key: 'tasks.underReview.detail', values: { since: candidate.updatedAt } } })),
  },
];
