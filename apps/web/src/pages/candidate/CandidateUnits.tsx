/**
 * A candidate's unit read both ways: the unit it was nominated in, under the name it had then, and (after a merge,
 * split or dissolution) the unit that carries it on today.
 */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';

export function CandidateUnits({ candidateId, fallback }: { candidateId: string; fallback?: string }) {
  const { t } = useTranslation();
  const { data } = useAsync((signal) => api.get('/api/candidates/{id}/units', { path: { id: candidateId }, signal }), [candidateId]);
  if (!data) return <>{fallback}</>;
  const moved = data.today && data.today.id !== data.nominatedIn.id;
  return (
    <span data-testid="candidate-units">
      {data.nominatedIn.nameThen}
      {data.nominatedIn.name !== data.nominatedIn.nameThen && <Typography.Text type="secondary"> ({t('candidate.unitNowNamed', { name: data.nominatedIn.name })})</Typography.Text>}
      {moved && (
        <>
          {' '}
          <Typography.Text strong>→ {t('candidate.unitToday', { name: data.today!.name })}</Typography.Text>
        </>
      )}
    </span>
  );
}
