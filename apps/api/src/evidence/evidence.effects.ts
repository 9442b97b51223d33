/**
 * The evidence write of the statechart's ATTACH_EVIDENCE (its storeEvidence effect), carried out inside the
 * event's transaction. The file's facts travel in the event (and so in its audit record); its bytes beside it.
 */
import type { EffectEvent } from '#workflow';
import type { EffectContext } from '../transitions/effects.js';
import { evidenceTypeOf } from './evidence-policy.js';
import { EvidenceRepository } from './evidence.repository.js';

const evidence = new EvidenceRepository();

export async function storeEvidence({ em, candidate, event, actor, now, fileContent }: EffectContext<EffectEvent<'storeEvidence'>>): Promise<void> {
  if (!fileContent) throw new Error(`ATTACH_EVIDENCE ${event.evidenceId} came without the file's bytes`);
  // The upload accepted the file against the evidence policy, whose types are these.
  const contentType = evidenceTypeOf(event.contentType);
  if (!contentType) throw new Error(`ATTACH_EVIDENCE ${event.evidenceId} declares a type the evidence policy does not accept: ${event.contentType}`);
  await evidence.add(em, {
    id: event.evidenceId,
    candidateId: candidate.id,
    fileName: event.fileName,
    contentType,
    sizeBytes: event.sizeBytes,
    sha256: event.sha256,
    content: fileContent,
    uploadedBy: actor.username,
    uploadedAt: now,
  });
}
