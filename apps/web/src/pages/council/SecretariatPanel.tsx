/**
 * What the secretariat does to the session as a whole: add candidates and assign reviewers, take attendance and
 * open the vote, close it, publish the notice, and make the final decision. Which of these steps the session's
 * stage allows comes from its lifecycle (libs/workflow), never from a list of stages here. Within a stage the panel
 * offers a step only once what it needs is there: the vote opens when every candidate has its reviewers' checklists,
 * the final decision once the notice period is over and every comment answered.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '#contracts';
import { sessionAllows, type ReviewSessionOperation } from '#workflow';
import { api } from '../../api/client';
import type { CandidateView as Candidate } from '#contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { applyServerErrors, describeError, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { candidatesIn } from '../tasks/sources';
import { AttendanceDialog, CastingVotes, WrittenOpinions } from './AttendancePanel';

function AddCandidateForm({ session, onDone }: { session: SessionDetail; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ candidateId: string }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const proposed = useAsync((signal) => candidatesIn('underReview', signal), [session.items.length]);
  const inSession = new Set(session.items.map((i) => i.candidate.id));
  const options = (proposed.data ?? [])
    .filter((c: Candidate) => !inSession.has(c.id))
    .map((c) => ({ value: c.id, title: c.name, label: `${c.name} — ${label('kind', c.kind)}, ${c.unit?.name ?? ''} (${c.year})` }));
  return (
    <Form
      form={form}
      layout="vertical"
      name="add-candidate"
      disabled={busy}
      onFinish={async ({ candidateId }) => {
        setBusy(true);
        setError(null);
        try {
          await api.post('/api/review-sessions/{id}/items', { candidateId }, { path: { id: session.id } });
          const name = options.find((o) => o.value === candidateId)?.title ?? '';
          form.resetFields();
          void message.success(t('secretariat.added', { name }));
          onDone();
        } catch (e) {
          setError(applyServerErrors(form, e, t, i18n.language, { known: ['candidateId'] }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="candidateId"
        label={t('secretariat.addCandidate')}
        extra={proposed.data && options.length === 0 ? t('secretariat.noneProposed') : t('secretariat.addHint')}
        rules={[{ required: true, message: t('validation.required') }]}
        style={{ marginBottom: 8 }}
      >
        <Select showSearch={{ optionFilterProp: 'title' }} loading={proposed.loading} options={options} placeholder={t('secretariat.chooseCandidate')} style={{ maxWidth: 640 }} />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={busy}>
        {t('secretariat.addButton')}
      </Button>
    </Form>
  );
}

function AutoAssignForm({ session, onDone }: { session: SessionDetail; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ perCandidate: number }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [short, setShort] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const nameOfItem = (itemId: string) => session.items.find((i) => i.id === itemId)?.candidate.name ?? itemId;
  return (
    <Form
      form={form}
      layout="vertical"
      name="auto-assign"
      disabled={busy}
      initialValues={{ perCandidate: Math.min(2, Math.max(1, session.members.length)) }}
      onFinish={async ({ perCandidate }) => {
        setBusy(true);
        setError(null);
        setShort([]);
        try {
          const result = await api.post('/api/review-sessions/{id}/assignments/automatic', { perCandidate }, { path: { id: session.id } });
          void message.success(t('secretariat.autoDone', { count: result.assignments.length }));
          setShort(result.short.map((s) => t('secretariat.short', { name: nameOfItem(s.itemId), wanted: s.wanted, possible: s.possible })));
          onDone();
        } catch (e) {
          setError(applyServerErrors(form, e, t, i18n.language, { known: ['perCandidate'] }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      <Space wrap align="end">
        <Form.Item name="perCandidate" label={t('secretariat.perCandidate')} rules={[{ required: true, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
          <InputNumber min={1} max={20} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button htmlType="submit" loading={busy}>
            {t('secretariat.autoAssign')}
          </Button>
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary">{t('secretariat.autoHint')}</Typography.Paragraph>
      {short.length > 0 && <Alert type="warning" showIcon title={t('secretariat.shortTitle')} description={<ul className="plain-list">{short.map((s) => <li key={s}>{s}</li>)}</ul>} />}
    </Form>
  );
}

function OpenVotingDialog({ session, open, onClose, onDone }: { session: SessionDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const needed = Math.ceil((session.members.length * session.rules.quorum.numerator) / session.rules.quorum.denominator);
  return (
    <FormDialog<{ presentMemberIds: string[] }>
      open={open}
      name="open-voting"
      title={t('secretariat.openVoting')}
      okText={t('secretariat.openVotingOk')}
      width={680}
      known={['presentMemberIds']}
      initialValues={{ presentMemberIds: session.members.map((m) => m.accountId) }}
      intro={
        <>
          <p>{t('secretariat.attendanceIntro')}</p>
          <Typography.Paragraph type="secondary">{t('secretariat.quorumReminder', { needed, members: session.members.length, numerator: session.rules.quorum.numerator, denominator: session.rules.quorum.denominator })}</Typography.Paragraph>
        </>
      }
      submit={(values) => api.post('/api/review-sessions/{id}/voting/open', { presentMemberIds: values.presentMemberIds ?? [] }, { path: { id: session.id } })}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="presentMemberIds" label={t('secretariat.present')} extra={t('secretariat.absentHint')}>
        <Checkbox.Group className="radio-column" options={session.members.map((m) => ({ value: m.accountId, label: m.unitName ? `${m.displayName}` : m.displayName }))} />
      </Form.Item>
    </FormDialog>
  );
}

function CloseVotingDialog({ session, open, onClose, onDone }: { session: SessionDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GeneralError | null>(null);
  const pending = session.items.filter((i) => i.status === 'PENDING');
  return (
    <Modal
      open={open}
      title={t('secretariat.closeVoting')}
      okText={t('secretariat.closeVotingOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'close-voting-submit' }}
      confirmLoading={busy}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      maskClosable={false}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await api.post('/api/review-sessions/{id}/voting/close', undefined, { path: { id: session.id } });
          onDone();
        } catch (e) {
          setError(describeError(e, t, i18n.language));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      <p>{t('secretariat.closeIntro')}</p>
      <ul className="plain-list">
        {pending.map((i) => (
          <li key={i.id}>{t('secretariat.closeLine', { name: i.candidate.name, voted: i.voted.length, eligible: session.members.length - i.conflicts.length })}</li>
        ))}
      </ul>
      <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('secretariat.closeFinal')} />
    </Modal>
  );
}

function PublishNoticeForm({ session, onDone }: { session: SessionDetail; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const format = useFormat();
  const [form] = Form.useForm<{ channels: string; publishedOn: Dayjs }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const earliest = session.votingClosedAt ? dayjs(session.votingClosedAt).startOf('day') : dayjs().startOf('day');
  return (
    <Form
      form={form}
      layout="vertical"
      name="publish-notice"
      disabled={busy}
      initialValues={{ publishedOn: dayjs() }}
      onFinish={async (values) => {
        setBusy(true);
        setError(null);
        try {
          const result = await api.post('/api/review-sessions/{id}/notice', { channels: values.channels.trim(), publishedOn: values.publishedOn.format('YYYY-MM-DD') }, { path: { id: session.id } });
          void message.success(t('notice.published', { endsOn: format.date(result.endsOn) }));
          onDone();
        } catch (e) {
          setError(applyServerErrors(form, e, t, i18n.language, { known: ['channels', 'publishedOn'] }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph>{t('notice.publishIntro', { days: session.noticeWorkingDays })}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form.Item name="channels" label={t('notice.channels')} extra={t('notice.channelsHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 1000, message: t('validation.max', { count: 1000 }) }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="publishedOn" label={t('notice.publishedOn')} rules={[{ required: true, type: 'object', message: t('validation.required') }]}>
        <DatePicker format="DD/MM/YYYY" placeholder={t('form.datePlaceholder')} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(earliest, 'day')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('notice.publish')}
      </Button>
    </Form>
  );
}

function FinaliseDialog({ session, open, onClose, onDone }: { session: SessionDetail; open: boolean; onClose(): void; onDone(recognised: number): void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GeneralError | null>(null);
  const provisional = session.items.filter((i) => i.status === 'DECIDED' && i.outcome === 'RECOGNISE' && i.closedAt === null);
  return (
    <Modal
      open={open}
      title={t('finalise.title')}
      okText={t('finalise.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'finalise-submit' }}
      confirmLoading={busy}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      maskClosable={false}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          const result = await api.post('/api/review-sessions/{id}/finalise', undefined, { path: { id: session.id } });
          onDone(result.recognised.length);
        } catch (e) {
          setError(describeError(e, t, i18n.language));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      {provisional.length > 0 ? (
        <>
          <p>{t('finalise.intro', { endsOn: format.date(session.notice?.endsOn) })}</p>
          <ul className="plain-list">
            {provisional.map((i) => (
              <li key={i.id}>{i.candidate.name}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('finalise.nobody')}</p>
      )}
      <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('finalise.final')} />
    </Modal>
  );
}

/**
 * What still stands before the vote can open: candidates without a reviewer, and assigned reviewers whose checklist
 * is not in (the checklists inform the vote, so the vote waits for them).
 */
export function missingBeforeVoting(session: SessionDetail): { noReviewer: string[]; checklistsMissing: { name: string; reviewers: string[] }[] } {
  const pending = session.items.filter((i) => i.status === 'PENDING');
  const nameOf = (id: string) => session.members.find((m) => m.accountId === id)?.displayName ?? '';
  return {
    noReviewer: pending.filter((i) => i.reviewers.length === 0).map((i) => i.candidate.name),
    checklistsMissing: pending
      .map((i) => ({ name: i.candidate.name, reviewers: i.reviewers.filter((r) => !i.checklists.some((k) => k.inForce && k.reviewerId === r)).map(nameOf) }))
      .filter((m) => m.reviewers.length > 0),
  };
}

function BeforeVoting({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const { noReviewer, checklistsMissing } = missingBeforeVoting(session);
  if (noReviewer.length === 0 && checklistsMissing.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="before-voting"
      title={t('secretariat.notYetVoting')}
      description={
        <ul className="plain-list">
          {noReviewer.map((name) => (
            <li key={`r-${name}`}>{t('secretariat.needsReviewer', { name })}</li>
          ))}
          {checklistsMissing.map((m) => (
            <li key={`c-${m.name}`}>{t('secretariat.needsChecklists', { name: m.name, reviewers: m.reviewers.join(', ') })}</li>
          ))}
        </ul>
      }
    />
  );
}

export function SecretariatPanel({ session, onChanged }: { session: SessionDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<'openVoting' | 'closeVoting' | 'finalise' | null>(null);
  const undecided = session.items.filter((i) => i.status === 'DECIDABLE');
  const provisional = useMemo(() => session.items.filter((i) => i.status === 'DECIDED' && i.outcome === 'RECOGNISE' && i.closedAt === null), [session.items]);
  const unanswered = session.comments.filter((c) => !c.answerId).length;
  const before = missingBeforeVoting(session);
  const readyToVote = session.items.some((i) => i.status === 'PENDING') && before.noReviewer.length === 0 && before.checklistsMissing.length === 0;
  // The notice runs to the end of its last day; the final decision comes the day after (the candidate's statechart
  // refuses it earlier).
  const noticeRunning = session.notice !== null && session.today <= session.notice.endsOn;
  const done = () => {
    setDialog(null);
    onChanged();
  };

  const may = (operation: ReviewSessionOperation) => sessionAllows(session.status, operation);

  let body: ReactNode = null;
  if (may('OPEN_VOTING')) {
    body = (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {may('ADD_CANDIDATE') && <AddCandidateForm session={session} onDone={onChanged} />}
        {may('ASSIGN_AUTOMATICALLY') && session.items.length > 0 && <AutoAssignForm session={session} onDone={onChanged} />}
        <div>
          <Typography.Paragraph>{t('secretariat.openVotingIntro')}</Typography.Paragraph>
          <BeforeVoting session={session} />
          <Button type="primary" disabled={!readyToVote} onClick={() => setDialog('openVoting')} style={{ marginTop: 12 }}>
            {t('secretariat.openVoting')}
          </Button>
        </div>
      </Space>
    );
  } else if (may('CLOSE_VOTING')) {
    body = (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {session.ruleSet && <WrittenOpinions session={session} onDone={onChanged} />}
        <div>
          <Typography.Paragraph>{t('secretariat.votingIntro')}</Typography.Paragraph>
          <Button type="primary" onClick={() => setDialog('closeVoting')}>
            {t('secretariat.closeVoting')}
          </Button>
        </div>
      </Space>
    );
  } else if (may('CONFIRM_DECISION') && undecided.length > 0) {
    body = (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <CastingVotes session={session} onDone={onChanged} />
        <Alert type="info" showIcon title={t('secretariat.confirmEach', { count: undecided.length })} description={undecided.map((i) => i.candidate.name).join(', ')} />
      </Space>
    );
  } else if (may('PUBLISH_NOTICE') && provisional.length > 0) {
    body = <PublishNoticeForm session={session} onDone={onChanged} />;
  } else if (may('PUBLISH_NOTICE') && may('FINALISE')) {
    // Nobody to put on notice: the session closes without one.
    body = (
      <div>
        <Typography.Paragraph>{t('secretariat.nothingToPublish')}</Typography.Paragraph>
        <Button type="primary" onClick={() => setDialog('finalise')}>
          {t('finalise.closeButton')}
        </Button>
      </div>
    );
  } else if (may('FINALISE')) {
    const comments = session.comments.length;
    body = (
      <div data-testid="finalise-step">
        {noticeRunning && <Typography.Paragraph>{t('secretariat.noticeRunning', { endsOn: format.date(session.notice!.endsOn) })}</Typography.Paragraph>}
        <Typography.Paragraph>
          {unanswered > 0 ? t('secretariat.unanswered', { count: unanswered }) : comments > 0 ? t('secretariat.allAnswered', { count: comments }) : t('secretariat.noComments')}
        </Typography.Paragraph>
        {noticeRunning || unanswered > 0 ? null : (
          <>
            <Typography.Paragraph>{t('secretariat.noticeIntro')}</Typography.Paragraph>
            <Button type="primary" onClick={() => setDialog('finalise')}>
              {t('finalise.button')}
            </Button>
          </>
        )}
      </div>
    );
  } else {
    // Closed: nothing left for the secretariat to do.
    return null;
  }

  return (
    <Card title={<h2 className="card-heading">{t('secretariat.title')}</h2>} data-testid="secretariat">
      {body}
      {session.ruleSet ? (
        <AttendanceDialog session={session} open={dialog === 'openVoting'} onClose={() => setDialog(null)} onDone={() => { void message.success(t('secretariat.votingOpened')); done(); }} />
      ) : (
        <OpenVotingDialog session={session} open={dialog === 'openVoting'} onClose={() => setDialog(null)} onDone={() => { void message.success(t('secretariat.votingOpened')); done(); }} />
      )}
      <CloseVotingDialog session={session} open={dialog === 'closeVoting'} onClose={() => setDialog(null)} onDone={() => { void message.success(t('secretariat.votingClosed')); done(); }} />
      <FinaliseDialog
        session={session}
        open={dialog === 'finalise'}
        onClose={() => setDialog(null)}
        onDone={(count) => {
          void message.success(t('finalise.done', { count }));
          done();
        }}
      />
    </Card>
  );
}
