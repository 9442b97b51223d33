/** Small pieces every council screen shares: the tags of a session's stage, an item's status and outcome, and the rules in words. */
import { Tag } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { BallotKind, CouncilRules } from '#contracts';
import type { CouncilOutcome, ReviewItemStatus, ReviewSessionStatus } from '#workflow';
import { useLabels } from '../../domain/labels';

const SESSION_COLOURS: Record<ReviewSessionStatus, string> = {
  PREPARING: 'processing',
  VOTING: 'gold',
  VOTING_CLOSED: 'orange',
  NOTICE: 'purple',
  CLOSED: 'default',
};

export function SessionStatusTag({ status }: { status: ReviewSessionStatus }) {
  const { label } = useLabels();
  return (
    <Tag color={SESSION_COLOURS[status]} data-status={status}>
      {label('sessionStatus', status)}
    </Tag>
  );
}

const ITEM_COLOURS: Record<ReviewItemStatus, string> = {
  PENDING: 'processing',
  DECIDABLE: 'gold',
  DECIDED: 'green',
  NO_DECISION: 'default',
  WITHDRAWN: 'default',
  DROPPED: 'red',
};

export function ItemStatusTag({ status }: { status: ReviewItemStatus }) {
  const { label } = useLabels();
  return (
    <Tag color={ITEM_COLOURS[status]} data-item-status={status}>
      {label('reviewItemStatus', status)}
    </Tag>
  );
}

const OUTCOME_COLOURS: Record<CouncilOutcome, string> = {
  RECOGNISE: 'green',
  RETURN_TO_NURTURING: 'orange',
  REJECT: 'red',
  NO_DECISION: 'default',
};

export function OutcomeTag({ outcome }: { outcome: CouncilOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_COLOURS[outcome]} data-outcome={outcome}>
      {t(`council.outcome.${outcome}`)}
    </Tag>
  );
}

export function BallotTag({ ballot }: { ballot: BallotKind }) {
  const { t } = useTranslation();
  return (
    <Tag icon={ballot === 'SECRET' ? <LockOutlined aria-hidden /> : <UnlockOutlined aria-hidden />} color={ballot === 'SECRET' ? 'geekblue' : 'default'}>
      {t(`council.ballot.${ballot}`)}
    </Tag>
  );
}

/** The session's decision rules as a person would say them. */
export function rulesInWords(rules: CouncilRules, t: (key: string, values?: Record<string, unknown>) => string): string[] {
  return [
    t('council.rules.quorum', { numerator: rules.quorum.numerator, denominator: rules.quorum.denominator }),
    t('council.rules.recognition', { percent: rules.recognitionPercent }),
    t('council.rules.rejection', { percent: rules.rejectionPercent }),
  ];
}
