/**
 * Proposing a recognised exemplar to the parent level's council (liên thông), from the exemplar's page: the unit
 * head or the recognising council's secretariat gives the reasons; the proposal carries the lower session's
 * minutes and decision, and the parent council's review starts at once.
 */
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Typography } from 'antd';
import { RiseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CandidateState } from '#workflow';
import type { Role } from '#domain';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { FormDialog } from '../../components/FormDialog';

/** The states whose exemplar stands recognised at its level. */
const PROPOSABLE: readonly CandidateState[] = ['recognised', 'replicating'];

export function ProposeUpwardAction({ candidateId, state, role }: { candidateId: string; state: CandidateState; role: Role | undefined }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (!PROPOSABLE.includes(state) || (role !== 'UNIT_HEAD' && role !== 'COUNCIL_SECRETARY')) return null;
  return (
    <>
      <Button block icon={<RiseOutlined />} onClick={() => setOpen(true)} data-testid="propose-upward" style={{ marginTop: 8 }}>
        {t('proposals.propose')}
      </Button>
      <FormDialog<{ reasons: string }>
        open={open}
        name="propose-upward"
        title={t('proposals.proposeTitle')}
        okText={t('proposals.proposeOk')}
        known={['reasons']}
        intro={<Typography.Paragraph style={{ marginBottom: 0 }}>{t('proposals.proposeIntro')}</Typography.Paragraph>}
        submit={(values) => api.post('/api/candidates/{id}/upward-proposals', { reasons: values.reasons.trim() }, { path: { id: candidateId } })}
        onClose={() => setOpen(false)}
        onDone={(result) => {
          setOpen(false);
          void message.success(t('proposals.proposed'));
          navigate(ROUTES.candidate((result as { upperCandidateId: string }).upperCandidateId));
        }}
      >
        <Form.Item name="reasons" label={t('proposals.reasons')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 4000, message: t('validation.max', { count: 4000 }) }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      </FormDialog>
    </>
  );
}
