/**
 * Comments the public sent through the public notice page (/cong-khai), waiting for the secretariat's moderation:
 * accepted, a comment joins the notice's comments below and is answered there; not accepted, it is set aside with
 * a reason. Nothing is deleted. The sender's contact is shown here only, never publicly.
 */
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicCommentView, SessionDetail } from '#contracts';
import { sessionAllows } from '#workflow';
import { api, downloadFile } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

export function PublicCommentsPanel({ session, onChanged }: { session: SessionDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = AntApp.useApp();
  const [rejecting, setRejecting] = useState<PublicCommentView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useAsync((signal) => api.get('/api/review-sessions/{id}/notice/public-comments', { path: { id: session.id }, signal }), [session.id, session.version]);
  const comments = list.data ?? [];
  const pending = comments.filter((c) => !c.moderation).length;
  const moderating = sessionAllows(session.status, 'RECORD_COMMENT');
  const nameOfItem = (itemId: string | null) => (itemId ? (session.items.find((i) => i.id === itemId)?.candidate.name ?? '') : t('notice.general'));
  const accept = async (c: PublicCommentView) => {
    setBusy(c.id);
    try {
      await api.post('/api/review-sessions/{id}/notice/public-comments/{publicCommentId}/moderation', { decision: 'ACCEPTED' }, { path: { id: session.id, publicCommentId: c.id } });
      void message.success(t('publicComments.accepted'));
      onChanged();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section data-testid="public-comments" style={{ marginTop: 16 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} className="section-heading" style={{ margin: 0 }}>
          {t('publicComments.title', { count: comments.length })}
        </Typography.Title>
        {pending > 0 && <Tag color="gold">{t('publicComments.pending', { count: pending })}</Tag>}
      </Space>
      <Typography.Paragraph type="secondary">{t('publicComments.intro')}</Typography.Paragraph>
      <Table<PublicCommentView>
        size="small"
        rowKey="id"
        loading={list.loading}
        pagination={false}
        dataSource={comments}
        locale={{ emptyText: t('publicComments.none') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('notice.receivedOn'), dataIndex: 'receivedOn', width: 110, render: (v: string) => format.date(v) },
          { title: t('notice.about'), dataIndex: 'itemId', width: 170, render: (v: string | null) => nameOfItem(v) },
          {
            title: t('publicComments.sender'),
            key: 'sender',
            width: 190,
            render: (_: unknown, c) => (
              <>
                <div>{c.authorName}</div>
                <Typography.Text type="secondary">{c.contact}</Typography.Text>
              </>
            ),
          },
          {
            title: t('notice.body'),
            dataIndex: 'body',
            render: (v: string, c) => (
              <>
                <span className="pre-wrap">{v}</span>
                {c.attachment && (
                  <div>
                    <Button
                      size="small"
                      type="link"
                      style={{ paddingInline: 0 }}
                      onClick={() => void downloadFile(`/api/review-sessions/${session.id}/notice/public-comments/${c.id}/attachment`, { fallbackName: c.attachment!.fileName })}
                    >
                      {t('publicComments.attachment', { name: c.attachment.fileName })}
                    </Button>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('publicComments.moderation'),
            key: 'moderation',
            width: 220,
            render: (_: unknown, c) =>
              c.moderation ? (
                c.moderation.decision === 'ACCEPTED' ? (
                  <Tag color="green">{t('publicComments.acceptedTag')}</Tag>
                ) : (
                  <>
                    <Tag>{t('publicComments.rejectedTag')}</Tag>
                    <div className="pre-wrap">{c.moderation.reason}</div>
                  </>
                )
              ) : moderating ? (
                <Space wrap>
                  <Button size="small" type="primary" loading={busy === c.id} onClick={() => void accept(c)} aria-label={t('publicComments.acceptNamed', { author: c.authorName })}>
                    {t('publicComments.accept')}
                  </Button>
                  <Button size="small" onClick={() => setRejecting(c)} aria-label={t('publicComments.rejectNamed', { author: c.authorName })}>
                    {t('publicComments.reject')}
                  </Button>
                </Space>
              ) : (
                <Tag color="gold">{t('publicComments.pendingTag')}</Tag>
              ),
          },
        ]}
      />
      <FormDialog<{ reason: string }>
        open={rejecting !== null}
        name="reject-public-comment"
        title={t('publicComments.rejectTitle', { author: rejecting?.authorName ?? '' })}
        okText={t('publicComments.reject')}
        known={['reason']}
        intro={<blockquote className="quote">{rejecting?.body}</blockquote>}
        submit={(values) =>
          api.post('/api/review-sessions/{id}/notice/public-comments/{publicCommentId}/moderation', { decision: 'REJECTED', reason: values.reason.trim() }, { path: { id: session.id, publicCommentId: rejecting!.id } })
        }
        onClose={() => setRejecting(null)}
        onDone={() => {
          setRejecting(null);
          void message.success(t('publicComments.rejected'));
          onChanged();
        }}
      >
        <Form.Item name="reason" label={t('publicComments.reason')} extra={t('publicComments.reasonHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 2000, message: t('validation.max', { count: 2000 }) }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormDialog>
    </section>
  );
}
