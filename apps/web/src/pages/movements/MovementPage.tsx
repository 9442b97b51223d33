/**
 * One emulation movement: its details and launching document, what can be done next (start, interim and final
 * reviews, the document's file), the units registered with their targets, its reviews, and the candidates that
 * lead it by state. A unit head registers their own unit.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, List, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ROLE_GROUPS } from '#domain';
import type { MovementPage as MovementPageView } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { describeError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';

type Registration = MovementPageView['registrations'][number];
type Review = MovementPageView['reviews'][number];

interface ReviewValues {
  heldOn: Dayjs;
  results: string;
  participatingUnits?: number;
  exemplarsFound?: number;
  collectivesCommended?: number;
  individualsCommended?: number;
  conferencePlace?: string;
}

interface RegisterValues {
  targets: string;
  targetExemplars?: number;
}

export function MovementPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { words } = useLabels();
  const format = useFormat();
  const { account } = useAuth();
  const { message } = AntApp.useApp();
  const { data: m, error, loading, reload } = useAsync((signal) => api.get('/api/movements/{id}', { path: { id }, signal }), [id]);
  const [reviewKind, setReviewKind] = useState<'INTERIM' | 'FINAL' | null>(null);
  const [registering, setRegistering] = useState(false);
  const [busy, setBusy] = useState(false);
  const runner = !!account && (ROLE_GROUPS.movementRunners as readonly string[]).includes(account.role);
  const allows = (type: string) => runner && !!m?.allowedActions.some((a) => a.type === type);
  const mine = m?.registrations.find((r) => r.unit.id === account?.unitId);

  const start = async () => {
    if (!m) return;
    setBusy(true);
    try {
      await api.post('/api/movements/{id}/start', { expectedVersion: m.version }, { path: { id } });
      void message.success(t('movement.started'));
      reload();
    } catch (e) {
      void message.error(describeError(e, t, i18n.language).message);
    } finally {
      setBusy(false);
    }
  };

  const attach = async (file: File) => {
    if (!m) return;
    const form = new FormData();
    form.append('expectedVersion', String(m.version));
    form.append('file', file);
    try {
      await api.upload('/api/movements/{id}/documents', form, { path: { id } });
      void message.success(t('movement.attached', { name: file.name }));
      reload();
    } catch (e) {
      void message.error(describeError(e, t, i18n.language).message);
    }
  };

  return (
    <Page
      title={m?.name ?? t('movements.title')}
      subtitle={m ? <Tag color={m.status === 'CLOSED' ? 'default' : m.status === 'RUNNING' ? 'green' : 'blue'}>{words(m.statusLabel)}</Tag> : undefined}
      extra={
        m && (
          <Space wrap data-testid="movement-actions">
            {allows('START') && (
              <Button type="primary" loading={busy} onClick={() => void start()}>
                {t('movement.start')}
              </Button>
            )}
            {allows('INTERIM_REVIEW') && <Button onClick={() => setReviewKind('INTERIM')}>{t('movement.interimReview')}</Button>}
            {allows('FINAL_REVIEW') && <Button onClick={() => setReviewKind('FINAL')}>{t('movement.finalReview')}</Button>}
            {allows('ATTACH_DOCUMENT') && (
              <Upload showUploadList={false} beforeUpload={(file) => (void attach(file), false)} accept=".pdf,.doc,.docx,.jpg,.jpeg,.png">
                <Button icon={<UploadOutlined />}>{t('movement.attach')}</Button>
              </Upload>
            )}
            {account?.role === 'UNIT_HEAD' && m.status !== 'CLOSED' && !mine?.registered && account.unitId !== m.launchingUnitId && (
              <Button onClick={() => setRegistering(true)}>{t('movement.register')}</Button>
            )}
          </Space>
        )
      }
    >
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {loading && !m ? <Card loading /> : null}
      {m && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Card title={t('movement.details')} size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('movements.launchingUnit')}>{m.launchingUnit.name}</Descriptions.Item>
              <Descriptions.Item label={t('movements.period')}>{`${format.date(m.periodFrom)} – ${format.date(m.periodTo)}`}</Descriptions.Item>
              <Descriptions.Item label={t('movements.fields')}>{m.fields.map((f) => words(f.label)).join('; ')}</Descriptions.Item>
              <Descriptions.Item label={t('movement.document')}>
                {t('movement.documentLine', { number: m.document.number, date: format.date(m.document.date) })}
                {m.document.title ? ` — ${m.document.title}` : ''}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{m.goals}</Typography.Paragraph>
            {m.documents.length > 0 && (
              <List
                size="small"
                header={t('movement.files')}
                dataSource={m.documents}
                renderItem={(d) => (
                  <List.Item>
                    <a href={`/api/movements/${m.id}/documents/${d.id}`} download={d.fileName} aria-label={t('movement.download', { name: d.fileName })}>
                      {d.fileName}
                    </a>
                    <Typography.Text type="secondary">{format.bytes(d.sizeBytes)}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>

          <Card title={t('movement.registrations', { count: m.registrations.filter((r) => r.registered).length })} size="small">
            <Table<Registration>
              rowKey={(r) => r.unit.id}
              dataSource={m.registrations}
              pagination={false}
              size="small"
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('movement.noRegistrations') }}
              columns={[
                { title: t('candidate.unit'), key: 'unit', render: (_, r) => r.unit.name },
                { title: t('movement.targets'), key: 'targets', render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.current.targets}</span> },
                { title: t('movement.targetExemplars'), key: 'n', align: 'right', render: (_, r) => (r.current.targetExemplars === null ? '—' : format.number(r.current.targetExemplars)) },
                { title: t('movement.registrationState'), key: 'state', render: (_, r) => <Tag color={r.registered ? 'green' : 'default'}>{words(r.current.actionLabel)}</Tag> },
              ]}
            />
          </Card>

          <Card title={t('movement.reviews')} size="small">
            {m.reviews.length === 0 ? (
              <Empty description={t('movement.noReviews')} />
            ) : (
              <List<Review>
                dataSource={m.reviews.filter((r) => !r.supersededBy)}
                renderItem={(r) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${words(r.kindLabel)}${r.number ? ` ${r.number}` : ''} — ${format.date(r.heldOn)}`}
                      description={
                        <>
                          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{r.results}</Typography.Paragraph>
                          <Typography.Text type="secondary">
                            {t('movement.figures', {
                              units: r.figures.participatingUnits ?? '—',
                              found: r.figures.exemplarsFound ?? '—',
                              collectives: r.figures.collectivesCommended ?? '—',
                              individuals: r.figures.individualsCommended ?? '—',
                            })}
                          </Typography.Text>
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>

          <Card title={t('movement.candidates', { count: m.candidates.total })} size="small">
            {m.candidates.total === 0 ? (
              <Empty description={t('movement.noCandidates')} />
            ) : (
              m.candidates.byState.map((group) => (
                <div key={group.state} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>{`${words(group.stateLabel)} (${group.count})`}</Typography.Text>
                  <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                    {group.items.map((c) => (
                      <li key={c.id}>
                        <Link to={ROUTES.candidate(c.id)}>{c.name}</Link> · {c.unit.name} · {c.year}
                      </li>
                    ))}
                  </ul>
                </div>
              ))
            )}
          </Card>
        </Space>
      )}

      {m && (
        <FormDialog<ReviewValues>
          open={reviewKind !== null}
          title={reviewKind === 'FINAL' ? t('movement.finalReview') : t('movement.interimReview')}
          name="movement-review"
          okText={t('common.save')}
          warning={reviewKind === 'FINAL' ? t('movement.finalWarning') : undefined}
          known={['heldOn', 'results', 'participatingUnits', 'exemplarsFound', 'collectivesCommended', 'individualsCommended', 'conferencePlace']}
          submit={(v) =>
            api.post(
              '/api/movements/{id}/reviews',
              {
                expectedVersion: m.version,
                kind: reviewKind!,
                heldOn: v.heldOn.format('YYYY-MM-DD'),
                results: v.results,
                ...(v.participatingUnits !== undefined && v.participatingUnits !== null ? { participatingUnits: v.participatingUnits } : {}),
                ...(v.exemplarsFound !== undefined && v.exemplarsFound !== null ? { exemplarsFound: v.exemplarsFound } : {}),
                ...(v.collectivesCommended !== undefined && v.collectivesCommended !== null ? { collectivesCommended: v.collectivesCommended } : {}),
                ...(v.individualsCommended !== undefined && v.individualsCommended !== null ? { individualsCommended: v.individualsCommended } : {}),
                ...(v.conferencePlace ? { conferencePlace: v.conferencePlace } : {}),
              },
              { path: { id } },
            )
          }
          onClose={() => setReviewKind(null)}
          onDone={() => {
            setReviewKind(null);
            void message.success(t('movement.reviewRecorded'));
            reload();
          }}
        >
          <Form.Item label={t('movement.heldOn')} name="heldOn" rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item label={t('movement.results')} name="results" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={4} maxLength={20000} showCount />
          </Form.Item>
          <Space wrap size={16}>
            <Form.Item label={t('movement.participatingUnits')} name="participatingUnits">
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item label={t('movement.exemplarsFound')} name="exemplarsFound">
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item label={t('movement.collectivesCommended')} name="collectivesCommended">
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item label={t('movement.individualsCommended')} name="individualsCommended">
              <InputNumber min={0} />
            </Form.Item>
          </Space>
          <Form.Item label={t('movement.conferencePlace')} name="conferencePlace">
            <Input maxLength={300} />
          </Form.Item>
        </FormDialog>
      )}

      {m && account?.unitId && (
        <FormDialog<RegisterValues>
          open={registering}
          title={t('movement.register')}
          name="movement-register"
          okText={t('movement.registerOk')}
          intro={t('movement.registerIntro')}
          known={['targets', 'targetExemplars', 'unitId']}
          submit={(v) => api.post('/api/movements/{id}/registrations', { unitId: account.unitId!, targets: v.targets, ...(v.targetExemplars !== undefined && v.targetExemplars !== null ? { targetExemplars: v.targetExemplars } : {}) }, { path: { id } })}
          onClose={() => setRegistering(false)}
          onDone={() => {
            setRegistering(false);
            void message.success(t('movement.registered'));
            reload();
          }}
        >
          <Form.Item label={t('movement.targets')} name="targets" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item label={t('movement.targetExemplars')} name="targetExemplars">
            <InputNumber min={0} />
          </Form.Item>
        </FormDialog>
      )}
    </Page>
  );
}
