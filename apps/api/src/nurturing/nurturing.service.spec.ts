/**
 * When the next check-in is due, and whether it is overdue, by the province's calendar (Asia/Ho_Chi_Minh, UTC+7),
 * not the server's: 23:30 UTC is already the next day in Vietnam.
 */
import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { CandidateRepository } from '../candidates/candidate.repository.js';
import { Clock } from '../common/clock.js';
import { loadConfig } from '../config/app-config.js';
import type { NurturingCheckIn, NurturingPlan } from './nurturing.entities.js';
import type { NurturingRepository } from './nurturing.repository.js';
import { NurturingService, checkInSchedule } from './nurturing.service.js';

const config = loadConfig({ TIME_ZONE: 'Asia/Ho_Chi_Minh', NURTURING_CHECK_IN_INTERVAL_DAYS: '90' });

/** A candidate being nurtured, with its plan written at `planWrittenAt` and, when given, one check-in. */
function serviceWith(planWrittenAt: string, checkedOn?: string) {
  const clock = new Clock(config);
  const plan = { id: 'p1', candidateId: 'c1', revision: 1, goals: 'g', supporter: 's', writtenByEvent: 'START_NURTURING', writtenBy: 'u', writtenAt: new Date(planWrittenAt) } as NurturingPlan;
  const checkIns = checkedOn ? [{ id: 'k1', candidateId: 'c1', checkedOn, strengths: 's', shortcomings: 'h', recordedBy: 'u', recordedAt: new Date(planWrittenAt) } as NurturingCheckIn] : [];
  const candidates = { stateOf: async () => 'nurturing' } as unknown as CandidateRepository;
  const nurturing = { plansOf: async () => [plan], checkInsOf: async () => checkIns, councilReturns: async () => [] } as unknown as NurturingRepository;
  // The people named in the view: none of them has an account here.
  const service = new NurturingService({ manager: { query: async () => [] } } as unknown as DataSource, config, clock, candidates, nurturing);
  return { at: (instant: string) => clock.during(new Date(instant), () => service.forCandidate('c1')) };
}

describe('the next check-in, by the province calendar', () => {
  it('is overdue from the Vietnamese day after it was due, even while that day is still the day before in UTC', async () => {
    // Checked on 1 April, due 90 days later: 30 June.
    const nurtured = serviceWith('2025-03-01T02:00:00Z', '2025-04-01');
    expect(await nurtured.at('2025-06-30T16:30:00Z')).toMatchObject({ nextCheckInDue: '2025-06-30', overdue: false }); // 23:30 on 30 June in Vietnam
    expect(await nurtured.at('2025-06-30T23:30:00Z')).toMatchObject({ nextCheckInDue: '2025-06-30', overdue: true }); // 06:30 on 1 July in Vietnam
  });

  it('counts from the Vietnamese day the plan was written when there is no check-in yet', async () => {
    // 20:00 UTC on 1 April is 03:00 on 2 April in Vietnam: due 90 days after 2 April.
    const started = serviceWith('2025-04-01T20:00:00Z');
    expect(await started.at('2025-07-01T10:00:00Z')).toMatchObject({ lastCheckInOn: null, nextCheckInDue: '2025-07-01', overdue: false });
    expect(await started.at('2025-07-01T17:00:00Z')).toMatchObject({ nextCheckInDue: '2025-07-01', overdue: true });
  });

  it('is due only while the candidate is being nurtured', () => {
    const base = { lastCheckInOn: '2025-04-01', planWrittenOn: '2025-03-01', intervalDays: 90, today: '2026-01-01' };
    expect(checkInSchedule({ ...base, state: 'nurturing' })).toEqual({ nextCheckInDue: '2025-06-30', overdue: true });
    expect(checkInSchedule({ ...base, state: 'underReview' })).toEqual({ nextCheckInDue: null, overdue: false });
    expect(checkInSchedule({ ...base, state: 'nurturing', lastCheckInOn: null, planWrittenOn: null })).toEqual({ nextCheckInDue: null, overdue: false });
  });
});
