/**
 * The write of the statechart's CORRECT_RECOGNITION (effect recordCorrection), inside the correction decision's
 * transaction under the candidate's row lock: the corrected name or achievement becomes the candidate's own, so
 * every document made afterwards (a later correction or revocation, the achievement report, the lists) quotes the
 * corrected text. Nothing is lost: the replaced text goes into the event's audit record, the candidate row is
 * attested by that record, and the decision that corrected it keeps both texts.
 */
import type { EffectEvent } from '#workflow';
import type { EffectContext } from '../transitions/effects.js';

export async function recordCorrection({ em, candidate, event }: EffectContext<EffectEvent<'recordCorrection'>>): Promise<Record<string, unknown>> {
  const [before] = (await em.query('SELECT name, achievement FROM candidate WHERE id = $1', [candidate.id])) as { name: string; achievement: string }[];
  const name = event.name?.trim() ? event.name.trim() : before!.name;
  const achievement = event.achievement?.trim() ? event.achievement.trim() : before!.achievement;
  await em.query('UPDATE candidate SET name = $2, achievement = $3 WHERE id = $1', [candidate.id, name, achievement]);
  return {
    corrected: {
      ...(name !== before!.name ? { name: { from: before!.name, to: name } } : {}),
      ...(achievement !== before!.achievement ? { achievement: { from: before!.achievement, to: achievement } } : {}),
    },
  };
}
