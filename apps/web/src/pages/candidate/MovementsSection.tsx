/**
 * The emulation movements the candidate leads (phong trào mà điển hình dẫn đầu), each link and unlink kept; the unit
 * head links a running movement or unlinks one with a reason.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { describeError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';

export function MovementsSection({ candidateId, editable }: { candidateId: string; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const { message } = AntApp.useApp();
  const { data, reload } = useAsync((signal) => api.get('/api/candidates/{id}/movements', { path: { id: candidateId }, signal }), [candidateId]);
  const running = useAsync((signal) => (editable ? api.get('/api/movements', { query: { status: 'RUNNING', pageSize: 100 }, signal }) : Promise.resolve(null)), [editable]);
  const [choice, setChoice] = useState<string | undefined>();
  const [unlinking, setUnlinking] = useState<{ id: string; name: string } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const linked = new Set(data?.movements.map((m) => m.id));

  const change = async (movementId: string, action: 'LINK' | 'UNLINK', why?: string) => {
    setBusy(true);
    try {
      await api.post('/api/candidates/{id}/movements', { movementId, action, ...(why ? { reason: why } : {}) }, { path: { id: candidateId } });
      void message.success(action === 'LINK' ? t('candidateMovements.linked') : t('candidateMovements.unlinked'));
      setChoice(undefined);
      setUnlinking(null);
      setReason('');
      reload();
    } catch (e) {
      void message.error(describeError(e, t, i18n.language).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 className="card-heading">{t('candidateMovements.title')}</h2>} style={{ marginTop: 16 }} data-testid="candidate-movements">
      {data && data.movements.length === 0 ? (
        <Empty description={t('candidateMovements.none')} />
      ) : (
        <List
          dataSource={data?.movements ?? []}
          renderItem={(m) => (
            <List.Item
              actions={
                editable
                  ? [
                      <Button key="unlink" size="small" onClick={() => setUnlinking({ id: m.id, name: m.name })}>
                        {t('candidateMovements.unlink')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space wrap>
                <Link to={ROUTES.movement(m.id)}>{t('candidateMovements.movementLink', { name: m.name })}</Link>
                <Tag>{words(m.statusLabel)}</Tag>
                <Typography.Text type="secondary">{t('candidateMovements.since', { date: format.date(m.linkedAt) })}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {editable && (
        <Space wrap style={{ marginTop: 12 }}>
          <Select
            aria-label={t('candidateMovements.choose')}
            placeholder={t('candidateMovements.choose')}
            style={{ minWidth: 280, maxWidth: '100%' }}
            value={choice}
            onChange={setChoice}
            options={(running.data?.items ?? []).filter((m) => !linked.has(m.id)).map((m) => ({ value: m.id, label: m.name }))}
            popupMatchSelectWidth={false}
          />
          <Button type="primary" disabled={!choice} loading={busy} onClick={() => choice && void change(choice, 'LINK')}>
            {t('candidateMovements.link')}
          </Button>
        </Space>
      )}
      <Modal
        open={unlinking !== null}
        title={t('candidateMovements.unlinkTitle', { name: unlinking?.name ?? '' })}
        okText={t('candidateMovements.unlink')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !reason.trim(), loading: busy }}
        onCancel={() => setUnlinking(null)}
        onOk={() => unlinking && void change(unlinking.id, 'UNLINK', reason.trim())}
      >
        <Form layout="vertical">
          <Form.Item label={t('candidateMovements.reason')} required htmlFor="unlink-reason">
            <Input.TextArea id="unlink-reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
