/**
 * One achievement, one recognition (Luật Thi đua, khen thưởng 2022 Điều 5): the earlier recognitions of the same
 * subject this candidacy repeats (the same year or the same achievement), each with the decision that recognised
 * it, and the unit head's justification where one was given. Shown on the candidate page, in the proposal form and
 * beside the item in the council's session.
 */
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RepeatRecognition } from '#contracts';
import { ROUTES } from '../../app/routes';
import { useFormat } from '../../lib/format';

export function RepeatRecognitionNotice({ repeat, style }: { repeat: RepeatRecognition; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (repeat.earlier.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={style}
      data-testid="repeat-recognition"
      title={t('repeat.title')}
      description={
        <>
          <ul className="plain-list">
            {repeat.earlier.map((e) => (
              <li key={e.candidateId}>
                <Link to={ROUTES.candidate(e.candidateId)}>{e.name}</Link> — {e.unitName}, {t('repeat.year', { year: e.year })}
                {e.sameAchievement ? ` (${t('repeat.sameAchievement')})` : ''}
                {': '}
                {e.decision ? (
                  <a href={`/api/decisions/${e.decision.id}/pdf`} target="_blank" rel="noopener">
                    {t('repeat.decision', { number: e.decision.number, date: format.date(e.decision.issuedOn) })}
                  </a>
                ) : (
                  t('repeat.noDecision')
                )}
              </li>
            ))}
          </ul>
          {repeat.justification ? (
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              <strong>{t('repeat.justification')}:</strong> <span className="pre-wrap">{repeat.justification}</span>
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t('repeat.needsJustification')}</Typography.Paragraph>
          )}
        </>
      }
    />
  );
}
