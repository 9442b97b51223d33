import { Tag } from 'antd';
import type { CandidateState } from '#workflow';
import { useLabels } from '../domain/labels';

const COLOURS: Record<CandidateState, string> = {
  discovered: 'default',
  nurturing: 'processing',
  underReview: 'gold',
  publicNotice: 'purple',
  returned: 'orange',
  recognised: 'green',
  replicating: 'cyan',
  replicationEnded: 'default',
  rejected: 'red',
  revoked: 'magenta',
  withdrawn: 'default',
};

export function StateTag({ state }: { state: CandidateState }) {
  const { label } = useLabels();
  return (
    <Tag color={COLOURS[state] ?? 'default'} data-state={state}>
      {label('state', state)}
    </Tag>
  );
}
