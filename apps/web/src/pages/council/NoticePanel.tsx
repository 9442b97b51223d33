/**
 * The public notice of a session's proposed recognitions: when it was published and when it ends (working days,
 * holidays left out), where, and the comments received with their answers.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { NoticeCommentView as NoticeComment, SessionDetail } from '#contracts';
import { sessionAllows } from '#workflow';
import { api } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { PublicCommentsPanel } from './PublicCommentsPanel';
import { useFormat } from '../../lib/format';

interface CommentValues {
  itemId?: string;
  author: string;
  body: string;
  receivedOn?: Dayjs;
}

export function RecordCommentDialog({ session, open, onClose, onDone, itemId }: { session: Pick<SessionDetail, 'id' | 'items' | 'notice'>; open: boolean; onClose(): void; onDone(): void; itemId?: string }) {
  const { t } = useTranslation();
  const onNotice = session.items.filter((i) => i.status === 'DECIDED' && i.outcome === 'RECOGNISE' && i.closedAt === null);
  const earliest = session.notice ? dayjs(session.notice.publishedOn) : dayjs();
  return (
    <FormDialog<CommentValues>
      open={open}
      name="record-comment"
      title={t('notice.recordComment')}
      okText={t('notice.recordOk')}
      known={itemId ? ['author', 'body', 'receivedOn'] : ['itemId', 'author', 'body', 'receivedOn']}
      initialValues={{ itemId, receivedOn: dayjs() }}
      intro={t('notice.recordIntro')}
      submit={(values) =>
        api.post('/api/review-sessions/{id}/notice/comments', {
          ...(values.itemId ? { itemId: values.itemId } : {}),
          author: values.author.trim(),
          body: values.body.trim(),
          ...(values.receivedOn ? { receivedOn: values.receivedOn.format('YYYY-MM-DD') } : {}),
        }, { path: { id: session.id } })
      }
      onClose={onClose}
      onDone={onDone}
    >
      {!itemId && (
        <Form.Item name="itemId" label={t('notice.about')} extra={t('notice.aboutHint')}>
          <Select allowClear placeholder={t('notice.general')} options={onNotice.map((i) => ({ value: i.id, label: i.candidate.name }))} />
        </Form.Item>
      )}
      <Form.Item name="author" label={t('notice.author')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.max', { count: 300 }) }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="body" label={t('notice.body')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 10000, message: t('validation.max', { count: 10000 }) }]}>
        <Input.TextArea rows={4} maxLength={10000} />
      </Form.Item>
      {/* Without the notice's dates (a unit head sees only the candidate's reviews) the comment is received today. */}
      {session.notice && (
        <Form.Item name="receivedOn" label={t('notice.receivedOn')} rules={[{ required: true, type: 'object', message: t('validation.required') }]}>
          <DatePicker format="DD/MM/YYYY" placeholder={t('form.datePlaceholder')} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(earliest, 'day')} />
        </Form.Item>
      )}
    </FormDialog>
  );
}

function AnswerDialog({ session, comment, onClose, onDone }: { session: SessionDetail; comment: NoticeComment | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  return (
    <FormDialog<{ body: string; upheld: boolean }>
      open={comment !== null}
      name="answer-comment"
      title={t('notice.answerTitle', { author: comment?.author ?? '' })}
      okText={t('notice.answerOk')}
      known={['body', 'upheld']}
      initialValues={{ upheld: false }}
      intro={<blockquote className="quote">{comment?.body}</blockquote>}
      submit={(values) => api.post('/api/review-sessions/{id}/notice/comments/{commentId}/answer', { body: values.body.trim(), upheld: values.upheld === true }, { path: { id: session.id, commentId: comment!.id } })}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="body" label={t('notice.answer')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 10000, message: t('validation.max', { count: 10000 }) }]}>
        <Input.TextArea rows={4} maxLength={10000} />
      </Form.Item>
      <Form.Item name="upheld" label={t('notice.upheld')} valuePropName="checked" extra={t('notice.upheldHint')}>
        <Switch />
      </Form.Item>
    </FormDialog>
  );
}

export function NoticePanel({ session, secretary, onChanged }: { session: SessionDetail; secretary: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = AntApp.useApp();
  const [recording, setRecording] = useState(false);
  const [answering, setAnswering] = useState<NoticeComment | null>(null);
  const [publishing, setPublishing] = useState<string | null>(null);
  const notice = session.notice;
  if (!notice) return null;
  const today = session.today;
  const ended = today > notice.endsOn;
  // While the notice runs, comments are taken and answered (the lifecycle says when that is).
  const running = sessionAllows(session.status, 'RECORD_COMMENT');
  const publish = async (c: NoticeComment) => {
    setPublishing(c.id);
    try {
      await api.post('/api/review-sessions/{id}/notice/comments/{commentId}/answer/publication', {}, { path: { id: session.id, commentId: c.id } });
      void message.success(t('notice.answerPublished'));
      onChanged();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setPublishing(null);
    }
  };
  const nameOfItem = (itemId: string | null) => (itemId ? (session.items.find((i) => i.id === itemId)?.candidate.name ?? '') : t('notice.general'));
  return (
    <Card title={<h2 className="card-heading">{t('notice.title')}</h2>} data-testid="notice">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'published', label: t('notice.publishedOn'), children: format.date(notice.publishedOn) },
          {
            key: 'ends',
            label: t('notice.endsOn'),
            children: (
              <Space wrap>
                <span data-testid="notice-ends-on">{format.date(notice.endsOn)}</span>
                {running && (ended ? <Tag color="green">{t('notice.ended')}</Tag> : <Tag color="gold">{t('notice.running')}</Tag>)}
              </Space>
            ),
          },
          { key: 'days', label: t('notice.workingDays'), children: t('notice.workingDaysValue', { count: notice.workingDays }) },
          { key: 'holidays', label: t('notice.holidays'), children: notice.holidays.length ? notice.holidays.map((d) => format.date(d)).join(', ') : t('notice.noHolidays') },
          { key: 'channels', label: t('notice.channels'), children: notice.channels, span: 'filled' },
          { key: 'by', label: t('notice.publishedBy'), children: t('candidate.createdByValue', { by: session.people[notice.publishedBy] ?? notice.publishedBy, at: format.dateTime(notice.publishedAt) }), span: 'filled' },
        ]}
      />
      {running && (
        <Alert
          style={{ marginTop: 12 }}
          type={ended ? 'success' : 'info'}
          showIcon
          title={ended ? t('notice.finalNow') : t('notice.finalAfter', { endsOn: format.date(notice.endsOn) })}
        />
      )}
      <Space style={{ marginTop: 16, marginBottom: 8 }} wrap>
        <Typography.Title level={3} className="section-heading" style={{ margin: 0 }}>
          {t('notice.comments', { count: session.comments.length })}
        </Typography.Title>
        {secretary && sessionAllows(session.status, 'RECORD_COMMENT') && (
          <Button onClick={() => setRecording(true)} data-testid="record-comment">
            {t('notice.recordComment')}
          </Button>
        )}
      </Space>
      <Table<NoticeComment>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={session.comments}
        locale={{ emptyText: t('notice.noComments') }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('notice.receivedOn'), dataIndex: 'receivedOn', width: 110, render: (v: string) => format.date(v) },
          { title: t('notice.about'), dataIndex: 'itemId', width: 180, render: (v: string | null) => nameOfItem(v) },
          { title: t('notice.author'), dataIndex: 'author', width: 180 },
          { title: t('notice.body'), dataIndex: 'body', render: (v: string) => <span className="pre-wrap">{v}</span> },
          {
            title: t('notice.answer'),
            key: 'answer',
            render: (_: unknown, c) =>
              c.answerId ? (
                <>
                  <span className="pre-wrap">{c.answer}</span>
                  <div>
                    {c.upheld ? <Tag color="red">{t('notice.upheldTag')}</Tag> : <Tag>{t('notice.notUpheldTag')}</Tag>}
                    <Typography.Text type="secondary">{t('candidate.createdByValue', { by: (c.answeredBy && session.people[c.answeredBy]) ?? c.answeredBy, at: format.dateTime(c.answeredAt) })}</Typography.Text>
                  </div>
                  <div>
                    {c.answerPublishedAt ? (
                      <Tag color="blue">{t('notice.answerPublishedTag', { at: format.dateTime(c.answerPublishedAt) })}</Tag>
                    ) : secretary && sessionAllows(session.status, 'ANSWER_COMMENT') ? (
                      <Button size="small" loading={publishing === c.id} onClick={() => void publish(c)} aria-label={t('notice.publishAnswerNamed', { author: c.author })}>
                        {t('notice.publishAnswer')}
                      </Button>
                    ) : null}
                  </div>
                </>
              ) : secretary && sessionAllows(session.status, 'ANSWER_COMMENT') ? (
                <Button size="small" type="primary" onClick={() => setAnswering(c)} aria-label={t('notice.answerNamed', { author: c.author })}>
                  {t('notice.answerButton')}
                </Button>
              ) : (
                <Tag color="gold">{t('notice.unanswered')}</Tag>
              ),
          },
        ]}
      />
      {secretary && <PublicCommentsPanel session={session} onChanged={onChanged} />}
      <RecordCommentDialog
        session={session}
        open={recording}
        onClose={() => setRecording(false)}
        onDone={() => {
          setRecording(false);
          void message.success(t('notice.recorded'));
          onChanged();
        }}
      />
      <AnswerDialog
        session={session}
        comment={answering}
        onClose={() => setAnswering(null)}
        onDone={() => {
          setAnswering(null);
          void message.success(t('notice.answered'));
          onChanged();
        }}
      />
    </Card>
  );
}
