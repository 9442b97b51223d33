/**
 * One candidate in a session: who reviews it (and who may not, for a conflict of interest), the checklists,
 * the vote, the outcome the rules give with its reasons, and the step each reader may take on it now.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, FileDoneOutlined, LockOutlined, MinusCircleOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { NoticeCommentView, ReviewItemView, SessionClearances, SessionDetail, VoteCast } from '#contracts';
import { sessionAllows, sessionReached, type ReviewSessionOperation } from '#workflow';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { HoldBanner } from '../candidate/HoldsSection';
import { RepeatRecognitionNotice } from '../candidate/RepeatRecognitionNotice';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { StateTag } from '../../components/StateTag';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { ClearancesSection } from './ClearancesSection';
import { ItemStatusTag, OutcomeTag } from './common';
import { ChecklistsView, VerdictView } from './ReviewViews';
import { CheckBallotForm, ReceiptDialog, VoteForm } from './VotePanel';

export interface Viewer {
  accountId: string;
  secretary: boolean;
  member: boolean;
}

/** Manual assignment: conflicted members are marked; if chosen anyway, the server refuses and says why. */
function AssignForm({ session, item, onDone }: { session: SessionDetail; item: ReviewItemView; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reviewerIds: string[] }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = Form.useWatch('reviewerIds', form) ?? [];
  const conflicted = chosen.filter((id) => item.conflicts.includes(id));
  const nameOf = (id: string) => session.members.find((m) => m.accountId === id)?.displayName ?? id;
  return (
    <Form
      form={form}
      layout="vertical"
      name={`assign-${item.id}`}
      disabled={busy}
      onFinish={async ({ reviewerIds }) => {
        setBusy(true);
        setError(null);
        try {
          const { assigned } = await api.post('/api/review-sessions/{id}/items/{itemId}/assignments', { reviewerIds }, { path: { id: session.id, itemId: item.id } });
          form.resetFields();
          void message.success(assigned.length > 0 ? t('assign.done', { names: assigned.map(nameOf).join(', ') }) : t('assign.nothingNew'));
          onDone();
        } catch (e) {
          setError(applyServerErrors(form, e, t, i18n.language, { known: ['reviewerIds'] }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="reviewerIds"
        label={t('assign.manual', { name: item.candidate.name })}
        rules={[{ required: true, type: 'array', min: 1, message: t('assign.chooseOne') }]}
        extra={conflicted.length > 0 ? <span className="task-urgent">{t('assign.conflictChosen', { names: conflicted.map(nameOf).join(', ') })}</span> : t('assign.manualHint')}
        style={{ marginBottom: 8 }}
      >
        <Select
          mode="multiple"
          placeholder={t('assign.choose')}
          optionFilterProp="title"
          options={session.members
            .filter((m) => !item.reviewers.includes(m.accountId))
            .map((m) => ({
              value: m.accountId,
              title: m.displayName,
              label: item.conflicts.includes(m.accountId) ? `${m.displayName} — ${t('assign.conflict')}` : m.displayName,
            }))}
        />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('assign.submit')}
      </Button>
    </Form>
  );
}

function BallotsDialog({ sessionId, item, open, onClose }: { sessionId: string; item: ReviewItemView; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useAsync((signal) => (open ? api.get('/api/review-sessions/{id}/items/{itemId}/ballots', { path: { id: sessionId, itemId: item.id }, signal }) : Promise.resolve(null)), [open, sessionId, item.id]);
  return (
    <Modal open={open} title={t('ballots.title', { name: item.candidate.name })} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} width={760} destroyOnHidden>
      {error ? <LoadError error={error} /> : null}
      {data?.ballot === 'SECRET' && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ballots.secretHint')} />
          <Typography.Paragraph>
            {data.countsMatch ? t('ballots.countsMatch', { count: data.ballots.length }) : <span className="task-urgent">{t('ballots.countsDiffer', { ballots: data.ballots.length, voters: data.voters.length })}</span>}
          </Typography.Paragraph>
          <Typography.Title level={3} className="section-heading">
            {t('ballots.voters')}
          </Typography.Title>
          <ul className="plain-list" style={{ marginBottom: 12 }}>
            {data.voters.map((v) => (
              <li key={v.memberId}>
                {v.displayName} — {t(`ballots.mode.${v.mode}`)}
              </li>
            ))}
          </ul>
          <Table
            size="small"
            rowKey="receiptHash"
            pagination={false}
            dataSource={data.ballots}
            columns={[
              { title: t('ballots.receiptHash'), dataIndex: 'receiptHash', render: (v: string) => <Typography.Text code title={v}>{v.slice(0, 16)}…</Typography.Text> },
              { title: t('ballots.choice'), dataIndex: 'choice', render: (v: string) => t(`vote.choice.${v}`) },
            ]}
          />
        </>
      )}
      {data?.ballot === 'OPEN' && (
        <Table
          size="small"
          rowKey="memberId"
          pagination={false}
          dataSource={data.votes}
          columns={[
            { title: t('ballots.member'), dataIndex: 'displayName' },
            { title: t('ballots.choice'), dataIndex: 'choice', render: (v: string) => t(`vote.choice.${v}`) },
            { title: t('ballots.howVoted'), dataIndex: 'mode', render: (v: string) => t(`ballots.mode.${v}`) },
            { title: t('vote.opinion'), dataIndex: 'opinion', render: (v: string | null) => v ?? '—' },
            { title: t('ballots.castAt'), dataIndex: 'castAt', render: (v: string) => format.dateTime(v) },
          ]}
        />
      )}
    </Modal>
  );
}

interface ConfirmValues {
  note?: string;
  reasons?: string;
  shortcomings?: string[];
}

function ConfirmDecisionDialog({ session, item, open, onClose, onDone }: { session: SessionDetail; item: ReviewItemView; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const outcome = item.outcome;
  if (!outcome || outcome === 'NO_DECISION') return null;
  return (
    <FormDialog<ConfirmValues>
      open={open}
      name={`confirm-${item.id}`}
      title={t('decision.title', { name: item.candidate.name })}
      okText={t(`decision.ok.${outcome}`)}
      danger={outcome === 'REJECT'}
      width={720}
      known={['note', 'reasons', 'shortcomings']}
      initialValues={outcome === 'RETURN_TO_NURTURING' ? { shortcomings: [] } : {}}
      intro={
        <>
          <p>
            {t('decision.outcomeIs')} <OutcomeTag outcome={outcome} />
          </p>
          <Typography.Paragraph type="secondary">{t(`decision.explain.${outcome}`, { days: session.noticeWorkingDays })}</Typography.Paragraph>
        </>
      }
      warning={t('decision.final')}
      submit={(values) =>
        api.post('/api/review-sessions/{id}/items/{itemId}/decision', {
          outcome,
          ...(outcome === 'RECOGNISE' && values.note?.trim() ? { note: values.note.trim() } : {}),
          ...(outcome === 'REJECT' && values.reasons?.trim() ? { reasons: values.reasons.trim() } : {}),
          ...(outcome === 'RETURN_TO_NURTURING' ? { shortcomings: (values.shortcomings ?? []).map((s) => (s ?? '').trim()).filter(Boolean) } : {}),
        }, { path: { id: session.id, itemId: item.id } })
      }
      onClose={onClose}
      onDone={onDone}
    >
      {outcome === 'RECOGNISE' && (
        <Form.Item name="note" label={t('eventFields.note')} rules={[{ max: 2000, message: t('validation.max', { count: 2000 }) }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
      {outcome === 'REJECT' && (
        <Form.Item name="reasons" label={t('eventFields.reasons')} extra={t('decision.reasonsHint')} rules={[{ max: 4000, message: t('validation.max', { count: 4000 }) }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      )}
      {outcome === 'RETURN_TO_NURTURING' && (
        <fieldset className="form-fieldset">
          <legend>{t('decision.extraShortcomings')}</legend>
          <Typography.Paragraph type="secondary">{t('decision.shortcomingsHint')}</Typography.Paragraph>
          <Form.List name="shortcomings">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item {...field} label={t('form.itemNumber', { number: index + 1 })} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 1000, message: t('validation.max', { count: 1000 }) }]} style={{ flex: 1, minWidth: 480 }}>
                      <Input maxLength={1000} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('form.removeItem', { number: index + 1 })} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                  {t('form.addItem')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      )}
    </FormDialog>
  );
}

function DropDialog({ session, item, open, onClose, onDone }: { session: SessionDetail; item: ReviewItemView; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const upheld = session.comments.filter((c: NoticeCommentView) => c.itemId === item.id && c.upheld === true);
  return (
    <FormDialog<{ reasons: string; commentIds: string[] }>
      open={open}
      name={`drop-${item.id}`}
      title={t('drop.title', { name: item.candidate.name })}
      okText={t('drop.ok')}
      danger
      known={['reasons', 'commentIds']}
      initialValues={{ commentIds: upheld.map((c) => c.id) }}
      intro={t('drop.intro')}
      warning={t('drop.final')}
      submit={(values) => api.post('/api/review-sessions/{id}/items/{itemId}/drop', values, { path: { id: session.id, itemId: item.id } })}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="commentIds" label={t('drop.comments')} rules={[{ required: true, type: 'array', min: 1, message: t('drop.chooseComment') }]}>
        <Checkbox.Group className="radio-column" options={upheld.map((c) => ({ value: c.id, label: `${c.author}: ${c.body}` }))} />
      </Form.Item>
      <Form.Item name="reasons" label={t('eventFields.reasons')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 4000, message: t('validation.max', { count: 4000 }) }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </FormDialog>
  );
}

export function ItemCard({ session, item, viewer, onChanged, clearances }: { session: SessionDetail; item: ReviewItemView; viewer: Viewer; onChanged(): void; clearances?: SessionClearances }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const format = useFormat();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'confirm' | 'ballots' | 'drop' | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const nameOf = (id: string) => session.members.find((m) => m.accountId === id)?.displayName ?? id;
  const inForce = item.checklists.filter((k) => k.inForce);
  const submittedBy = new Set(inForce.map((k) => k.reviewerId));
  const eligible = session.members.length - item.conflicts.length;
  const pending = item.status === 'PENDING';
  const may = (operation: ReviewSessionOperation) => sessionAllows(session.status, operation);
  const iAmReviewer = viewer.member && item.reviewers.includes(viewer.accountId);
  const iConflict = item.conflicts.includes(viewer.accountId);
  const myChecklist = inForce.find((k) => k.reviewerId === viewer.accountId);
  const me = session.members.find((m) => m.accountId === viewer.accountId);
  // NĐ 152/2025 Điều 4.4: no vote while a hold is open (the API refuses it too); the banner says why.
  const onHold = item.holds.some((h) => !h.lifted);
  const mayVote = viewer.member && !!me && !iConflict && may('CAST_VOTE') && pending && !item.myVote && !onHold;
  const provisional = item.status === 'DECIDED' && item.outcome === 'RECOGNISE' && item.closedAt === null;
  const upheld = session.comments.some((c) => c.itemId === item.id && c.upheld === true);

  return (
    <Card
      id={`ho-so-${item.id}`}
      data-testid={`item-${item.id}`}
      data-candidate={item.candidate.name}
      title={
        <Space wrap size={[8, 4]}>
          <h3 className="card-heading">
            <Link to={ROUTES.candidate(item.candidate.id)}>{item.candidate.name}</Link>
          </h3>
          <ItemStatusTag status={item.status} />
          {item.outcome && <OutcomeTag outcome={item.outcome} />}
        </Space>
      }
      extra={<StateTag state={item.candidate.state} />}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, lg: 2 }}
        items={[
          { key: 'kind', label: t('candidate.kind'), children: label('kind', item.candidate.kind) },
          { key: 'field', label: t('candidate.field'), children: label('field', item.candidate.field) },
          { key: 'unit', label: t('candidate.unit'), children: item.candidate.unitName },
          { key: 'criteria', label: t('session.criteriaCount'), children: t('session.criteriaValue', { count: item.criteria.length }) },
          {
            key: 'reviewers',
            label: t('session.reviewers'),
            span: 'filled',
            children:
              item.reviewers.length === 0 ? (
                <Typography.Text type="warning">{t('session.noReviewers')}</Typography.Text>
              ) : (
                <ul className="plain-list" data-testid="reviewers">
                  {item.reviewers.map((id) => (
                    <li key={id}>
                      {nameOf(id)}{' '}
                      {submittedBy.has(id) ? <Tag color="green">{t('session.checklistSubmitted')}</Tag> : <Tag>{t('session.checklistWaiting')}</Tag>}
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            key: 'conflicts',
            label: t('session.conflicts'),
            span: 'filled',
            children:
              item.conflicts.length === 0 ? (
                t('session.noConflicts')
              ) : (
                <div data-testid="conflicts">
                  {item.conflicts.map((id) => (
                    <Tag key={id} color="volcano" icon={<WarningOutlined aria-hidden />}>
                      {nameOf(id)}
                    </Tag>
                  ))}
                  <div>
                    <Typography.Text type="secondary">{t('session.conflictsHint')}</Typography.Text>
                  </div>
                </div>
              ),
          },
        ]}
      />

      <HoldBanner candidateId={item.candidate.id} holds={item.holds} />
      <RepeatRecognitionNotice repeat={item.repeatRecognition} style={{ marginBottom: 16 }} />

      {viewer.secretary && may('ASSIGN_REVIEWERS') && pending && (
        <div className="item-section">
          <AssignForm session={session} item={item} onDone={onChanged} />
        </div>
      )}

      {iAmReviewer && pending && may('SUBMIT_CHECKLIST') && (
        <div className="item-section">
          {myChecklist ? (
            <Space wrap>
              <Typography.Text>{t('session.mySubmitted', { at: format.dateTime(myChecklist.submittedAt) })}</Typography.Text>
              <Button icon={<EditOutlined />} onClick={() => navigate(ROUTES.checklist(session.id, item.id))}>
                {t('session.correctChecklist')}
              </Button>
            </Space>
          ) : (
            <Button type="primary" icon={<FileDoneOutlined />} onClick={() => navigate(ROUTES.checklist(session.id, item.id))}>
              {t('session.writeChecklist')}
            </Button>
          )}
        </div>
      )}

      <div className="item-section">
        <Typography.Title level={4} className="section-heading">
          {t('session.checklists', { count: inForce.length, assigned: item.reviewers.length })}
        </Typography.Title>
        <ChecklistsView checklists={item.checklists} criteria={item.criteria} candidateId={item.candidate.id} />
      </div>

      {item.status !== 'WITHDRAWN' && (viewer.secretary || item.clearances.length > 0) && (
        <ClearancesSection
          sessionId={session.id}
          itemId={item.id}
          candidateName={item.candidate.name}
          clearances={item.clearances}
          secretary={viewer.secretary}
          open={pending && (session.status === 'PREPARING' || session.status === 'VOTING')}
          session={clearances}
          onChanged={onChanged}
        />
      )}

      {sessionReached(session.status, 'VOTING') && item.status !== 'WITHDRAWN' && (
        <div className="item-section" data-testid="participation">
          <Typography.Title level={4} className="section-heading">
            {t('session.vote')}
          </Typography.Title>
          <Typography.Paragraph>{t('session.participation', { voted: item.voted.length, eligible })}</Typography.Paragraph>
          {mayVote && <VoteForm sessionId={session.id} itemId={item.id} candidateName={item.candidate.name} ballot={session.ballot} writtenOpinion={me?.attendance === 'ABSENT'} onVoted={(result: VoteCast) => {
            if (result.receipt) setReceipt(result.receipt);
            else {
              void message.success(t('vote.recorded'));
              onChanged();
            }
          }} />}
          {viewer.member && iConflict && <Alert type="info" showIcon title={t('vote.conflict')} />}
          {viewer.member && onHold && pending && <Alert type="warning" showIcon title={t('holds.inSession')} />}
          {viewer.member && item.myVote && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Alert type="success" showIcon title={t('vote.youVoted')} />
              {session.ballot === 'SECRET' && <CheckBallotForm sessionId={session.id} itemId={item.id} />}
            </Space>
          )}
        </div>
      )}

      {item.verdict && (
        <div className="item-section">
          <Typography.Title level={4} className="section-heading">
            {t('session.outcome')}
          </Typography.Title>
          <VerdictView verdict={item.verdict} outcome={item.outcome} quorumMet={item.quorumMet} thresholdMet={item.thresholdMet} findings={item.findings} figures={item.figures} castingVote={item.castingVote} ruleSetName={session.ruleSet?.name} />
          {item.decidedBy && <Typography.Paragraph style={{ marginTop: 8 }}>{t('session.decidedBy', { by: session.people[item.decidedBy] ?? item.decidedBy, at: format.dateTime(item.decidedAt) })}</Typography.Paragraph>}
        </div>
      )}

      <Space wrap style={{ marginTop: 12 }}>
        {viewer.secretary && item.status === 'DECIDABLE' && may('CONFIRM_DECISION') && (
          <Button type="primary" onClick={() => setDialog('confirm')} data-testid={`confirm-${item.id}`}>
            {t('decision.button')}
          </Button>
        )}
        {may('SEE_BALLOTS') && item.status !== 'WITHDRAWN' && (
          <Button icon={<LockOutlined />} onClick={() => setDialog('ballots')}>
            {t('ballots.button')}
          </Button>
        )}
        {viewer.secretary && may('DROP_ON_OBJECTION') && provisional && (
          <Button danger disabled={!upheld} onClick={() => setDialog('drop')} title={upheld ? undefined : t('drop.needsUpheld')}>
            {t('drop.button')}
          </Button>
        )}
      </Space>

      <ConfirmDecisionDialog
        session={session}
        item={item}
        open={dialog === 'confirm'}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          void message.success(t('decision.done', { name: item.candidate.name }));
          onChanged();
        }}
      />
      <BallotsDialog sessionId={session.id} item={item} open={dialog === 'ballots'} onClose={() => setDialog(null)} />
      <DropDialog
        session={session}
        item={item}
        open={dialog === 'drop'}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          void message.success(t('drop.done', { name: item.candidate.name }));
          onChanged();
        }}
      />
      <ReceiptDialog
        receipt={receipt}
        candidateName={item.candidate.name}
        sessionTitle={session.title}
        onClose={() => {
          setReceipt(null);
          onChanged();
        }}
      />
    </Card>
  );
}
