import { DISCOVERY_CHANNELS, FIELDS, SUBJECT_KINDS, labelsOf, type Labelled } from '#domain';
import { CANDIDATE_EVENTS, CANDIDATE_STATES, allowedEvents, stageOf } from '#workflow';
import type { CandidateView } from '#contracts';
import type { Candidate } from './candidate.entity.js';

const labels = (item: Labelled | undefined) => (item ? { vi: item.vi, en: item.en } : null);

/** A candidate as the API shows it: codes with their labels, the stage, and what can be done next. */
export function candidateView(c: Candidate, unit?: { id: string; name: string } | null): CandidateView {
  const stage = stageOf(c.state);
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: labelsOf(SUBJECT_KINDS, c.kind),
    name: c.name,
    unitId: c.unitId,
    unit: unit ? { id: unit.id, name: unit.name } : undefined,
    field: c.field,
    fieldLabel: labelsOf(FIELDS, c.field),
    year: c.year,
    discoveryChannel: c.discoveryChannel,
    discoveryChannelLabel: labelsOf(DISCOVERY_CHANNELS, c.discoveryChannel),
    achievement: c.achievement,
    state: c.state,
    stateLabel: labels(CANDIDATE_STATES.find((s) => s.code === c.state)),
    stage,
    machineVersion: c.machineVersion,
    version: c.version,
    counts: {
      checkIns: c.snapshot.context.checkIns,
      evidenceFiles: c.snapshot.context.evidenceFiles,
      planVersions: c.snapshot.context.planVersions,
      returns: c.snapshot.context.returns,
    },
    allowedEvents: allowedEvents(c.snapshot).map((type) => ({ type, label: labels(CANDIDATE_EVENTS.find((e) => e.code === type)) })),
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
