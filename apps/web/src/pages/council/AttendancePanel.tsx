/**
 * The secretariat's part in a session judged by a rule set: attendance when voting opens (present, absent with a
 * written opinion, absent), each written opinion recorded from the signed form (the file and the member's choice on
 * each candidate), and the chair's casting vote on a tie once voting has closed.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '#contracts';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { describeError, type GeneralError } from '../../lib/serverErrors';

type Attendance = 'PRESENT' | 'WRITTEN_OPINION' | 'ABSENT';

/** Attendance when voting opens, one choice per member; the rule set's thresholds shown as a reminder. */
export function AttendanceDialog({ session, open, onClose, onDone }: { session: SessionDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const members = session.members;
  const rules = session.ruleSet!.rules;
  const quorum = Math.ceil((members.length * rules.quorum.numerator) / rules.quorum.denominator);
  const award = rules.awardSessionAttendance && session.ruleSet!.considersAwards ? Math.ceil((members.length * rules.awardSessionAttendance.numerator) / rules.awardSessionAttendance.denominator) : null;
  return (
    <FormDialog<{ attendance: Record<string, Attendance> }>
      open={open}
      name="open-voting"
      title={t('secretariat.openVoting')}
      okText={t('secretariat.openVotingOk')}
      width={760}
      known={['presentMemberIds', 'writtenOpinionMemberIds']}
      initialValues={{ attendance: Object.fromEntries(members.map((m) => [m.accountId, 'PRESENT' as Attendance])) }}
      intro={
        <>
          <p>{t('attendance.intro')}</p>
          <Typography.Paragraph type="secondary">
            {t('attendance.reminder', { members: members.length, quorum })}
            {award !== null ? ` ${t('attendance.awardReminder', { award })}` : ''}
          </Typography.Paragraph>
        </>
      }
      submit={(values) => {
        const of = (a: Attendance) => members.filter((m) => (values.attendance?.[m.accountId] ?? 'PRESENT') === a).map((m) => m.accountId);
        return api.post('/api/review-sessions/{id}/voting/open', { presentMemberIds: of('PRESENT'), writtenOpinionMemberIds: of('WRITTEN_OPINION') }, { path: { id: session.id } });
      }}
      onClose={onClose}
      onDone={onDone}
    >
      <div className="table-scroll">
        <table className="attendance-table">
          <thead>
            <tr>
              <th scope="col">{t('session.member')}</th>
              <th scope="col">{t('session.attendance')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.accountId}>
                <th scope="row">
                  {m.displayName}
                  {m.unitName ? <Typography.Text type="secondary"> · {m.unitName}</Typography.Text> : null}
                </th>
                <td>
                  <Form.Item name={['attendance', m.accountId]} noStyle>
                    <Radio.Group
                      aria-label={t('attendance.of', { name: m.displayName })}
                      options={(['PRESENT', 'WRITTEN_OPINION', 'ABSENT'] as const).map((a) => ({ value: a, label: t(`session.attendanceValue.${a}`) }))}
                    />
                  </Form.Item>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </FormDialog>
  );
}

/** Written opinions: for each member recorded as giving one, the signed form and the choices read from it. */
export function WrittenOpinions({ session, onDone }: { session: SessionDetail; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [choices, setChoices] = useState<Record<string, Record<string, string>>>({});
  const pending = session.items.filter((i) => i.status === 'PENDING');
  const writers = session.members.filter((m) => m.attendance === 'WRITTEN_OPINION');
  if (writers.length === 0) return null;
  const recorded = new Map(session.writtenOpinions.map((o) => [o.accountId, o]));
  return (
    <div data-testid="written-opinions">
      <Typography.Title level={3} className="card-heading">
        {t('attendance.writtenTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('attendance.writtenIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {writers.map((m) => {
          const done = recorded.get(m.accountId);
          if (done) {
            return (
              <Alert
                key={m.accountId}
                type="success"
                showIcon
                title={t('attendance.writtenDone', { name: m.displayName, file: done.fileName })}
                description={<Typography.Text code>SHA-256 {done.sha256.slice(0, 16)}…</Typography.Text>}
              />
            );
          }
          const mine = choices[m.accountId] ?? {};
          const eligible = pending.filter((i) => !i.conflicts.includes(m.accountId));
          return (
            <fieldset key={m.accountId} className="criterion">
              <legend>{m.displayName}</legend>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={eligible}
                columns={[
                  { title: t('attendance.candidate'), render: (_: unknown, i: (typeof eligible)[number]) => i.candidate.name },
                  {
                    title: t('attendance.choice'),
                    width: 220,
                    render: (_: unknown, i: (typeof eligible)[number]) => (
                      <Select
                        aria-label={t('attendance.choiceOf', { name: m.displayName, candidate: i.candidate.name })}
                        style={{ width: 200 }}
                        placeholder={t('attendance.noChoice')}
                        allowClear
                        value={mine[i.id]}
                        options={(['IN_FAVOUR', 'AGAINST', 'ABSTAIN'] as const).map((c) => ({ value: c, label: t(`vote.choice.${c}`) }))}
                        onChange={(v: string | undefined) => setChoices({ ...choices, [m.accountId]: Object.fromEntries(Object.entries({ ...mine, [i.id]: v }).filter(([, c]) => c)) as Record<string, string> })}
                      />
                    ),
                  },
                ]}
              />
              <Space wrap style={{ marginTop: 8 }}>
                <Upload
                  accept=".pdf,.jpg,.jpeg,.png"
                  maxCount={1}
                  beforeUpload={(file) => {
                    setFiles({ ...files, [m.accountId]: file });
                    return false;
                  }}
                  onRemove={() => setFiles({ ...files, [m.accountId]: undefined })}
                >
                  <Button icon={<UploadOutlined />}>{t('attendance.attachForm')}</Button>
                </Upload>
                <Button
                  type="primary"
                  loading={busy === m.accountId}
                  disabled={!files[m.accountId]}
                  onClick={async () => {
                    setBusy(m.accountId);
                    setError(null);
                    try {
                      const form = new FormData();
                      form.append('memberId', m.accountId);
                      form.append('choices', JSON.stringify(mine));
                      form.append('file', files[m.accountId]!, files[m.accountId]!.name);
                      await api.upload('/api/review-sessions/{id}/written-opinions', form, { path: { id: session.id } });
                      void message.success(t('attendance.writtenRecorded', { name: m.displayName }));
                      onDone();
                    } catch (e) {
                      setError(describeError(e, t, i18n.language));
                    } finally {
                      setBusy(null);
                    }
                  }}
                >
                  {t('attendance.recordWritten')}
                </Button>
              </Space>
            </fieldset>
          );
        })}
      </Space>
    </div>
  );
}

/** The chair's casting vote on each candidate whose votes in favour and against are equal. */
export function CastingVotes({ session, onDone }: { session: SessionDetail; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!session.ruleSet?.rules.chairBreaksTies) return null;
  const tied = session.items.filter((i) => i.status === 'DECIDABLE' && !i.castingVote && i.figures && i.figures.inFavour === i.figures.against && i.figures.inFavour > 0);
  if (tied.length === 0) return null;
  const cast = async (itemId: string, choice: 'FOR' | 'AGAINST') => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/review-sessions/{id}/items/{itemId}/casting-vote', { choice }, { path: { id: session.id, itemId } });
      void message.success(t('attendance.castingRecorded'));
      onDone();
    } catch (e) {
      setError(describeError(e, t, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="casting-votes">
      <Typography.Title level={3} className="card-heading">
        {t('attendance.castingTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('attendance.castingIntro', { chair: session.chairName })}</Typography.Paragraph>
      <ErrorAlert error={error} />
      {tied.map((i) => (
        <Space key={i.id} wrap style={{ marginBottom: 8 }}>
          <span>{t('attendance.tied', { name: i.candidate.name, votes: i.figures!.inFavour })}</span>
          <Button loading={busy} onClick={() => cast(i.id, 'FOR')}>
            {t('attendance.castFor')}
          </Button>
          <Button loading={busy} danger onClick={() => cast(i.id, 'AGAINST')}>
            {t('attendance.castAgainst')}
          </Button>
        </Space>
      ))}
    </div>
  );
}
