/**
 * Criteria versions: every version of each criteria set (the one in force marked), and, for administrators,
 * publishing a new version. A published version never changes; a review keeps the version in force when its
 * session opened.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Collapse, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CriteriaSetView as CriteriaSetVersion } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { usePersonName } from '../../components/RecordContent';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

interface PublishValues {
  criteria: { code: string; vi: string; en: string }[];
  note?: string;
}

function PublishDialog({ current, onClose, onDone }: { current: CriteriaSetVersion | null; onClose(): void; onDone(v: CriteriaSetVersion): void }) {
  const { t } = useTranslation();
  return (
    <FormDialog<PublishValues>
      open={current !== null}
      name="publish-criteria"
      title={t('criteria.publishTitle', { name: current ? t(`criteria.set.${current.code}`) : '', version: (current?.version ?? 0) + 1 })}
      okText={t('criteria.publishOk')}
      width={900}
      known={['criteria', 'note']}
      nested
      initialValues={{ criteria: current?.criteria.map((c) => ({ code: c.code, vi: c.vi, en: c.en })) ?? [] }}
      intro={t('criteria.publishIntro')}
      warning={t('criteria.publishFinal')}
      submit={(values) =>
        api.post('/api/criteria-sets/{code}/versions', {
          criteria: values.criteria.map((c) => ({ code: c.code.trim(), vi: c.vi.trim(), en: c.en.trim() })),
          ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        }, { path: { code: current!.code } })
      }
      onClose={onClose}
      onDone={(result) => onDone(result as CriteriaSetVersion)}
    >
      <Form.List
        name="criteria"
        rules={[
          {
            validator: async (_, items?: unknown[]) => {
              if (!items || items.length === 0) throw new Error(t('validation.atLeastOne'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <fieldset key={field.key} className="criterion">
                <legend>
                  <Space>
                    {t('checklist.criterionNumber', { number: index + 1 })}
                    <Button type="text" size="small" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('criteria.remove', { number: index + 1 })} />
                  </Space>
                </legend>
                <Form.Item
                  name={[field.name, 'code']}
                  label={t('criteria.code')}
                  extra={t('criteria.codeHint')}
                  rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Z][A-Z0-9_]{1,59}$/, message: t('criteria.codeFormat') }]}
                  normalize={(v: string) => v?.toUpperCase()}
                >
                  <Input maxLength={60} style={{ maxWidth: 360 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'vi']} label={t('criteria.vi')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 2000, message: t('validation.max', { count: 2000 }) }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} lang="vi" />
                </Form.Item>
                <Form.Item name={[field.name, 'en']} label={t('criteria.en')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 2000, message: t('validation.max', { count: 2000 }) }]} style={{ marginBottom: 0 }}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} lang="en" />
                </Form.Item>
              </fieldset>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', vi: '', en: '' })} style={{ marginBottom: 16 }}>
              {t('criteria.add')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
      <Form.Item name="note" label={t('criteria.note')} extra={t('criteria.noteHint')} rules={[{ max: 2000, message: t('validation.max', { count: 2000 }) }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

export function CriteriaPage() {
  const { t } = useTranslation();
  const { words, label } = useLabels();
  const format = useFormat();
  const personName = usePersonName();
  const { account } = useAuth();
  const { message } = AntApp.useApp();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/criteria-sets', { signal }), []);
  const [publishing, setPublishing] = useState<CriteriaSetVersion | null>(null);
  const codes = [...new Set((data ?? []).map((s) => s.code))];
  const admin = account?.role === 'ADMIN';

  return (
    <Page title={t('criteria.title')} subtitle={t('criteria.subtitle')}>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {!loading && codes.length === 0 && <Empty />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {codes.map((code) => {
          const versions = (data ?? []).filter((s) => s.code === code);
          const inForce = versions.find((v) => v.inForce)!;
          return (
            <Card
              key={code}
              data-testid={`criteria-${code}`}
              title={<h2 className="card-heading">{t(`criteria.set.${code}`)}</h2>}
              extra={
                admin && (
                  <Button type="primary" onClick={() => setPublishing(inForce)}>
                    {t('criteria.publish')}
                  </Button>
                )
              }
            >
              <Typography.Paragraph type="secondary">{t('criteria.appliesTo', { kinds: inForce.appliesTo.map((k) => label('kind', k)).join(', '), count: versions.length })}</Typography.Paragraph>
              <Collapse
                key={inForce.id}
                defaultActiveKey={[inForce.id]}
                items={versions.map((v) => ({
                  key: v.id,
                  label: (
                    <Space wrap>
                      <strong>{t('criteria.version', { version: v.version })}</strong>
                      {v.inForce ? <Tag color="green">{t('criteria.inForce')}</Tag> : <Tag>{t('criteria.superseded')}</Tag>}
                      <Typography.Text type="secondary">{t('candidate.createdByValue', { by: personName(v.people, v.publishedBy), at: format.dateTime(v.publishedAt) })}</Typography.Text>
                    </Space>
                  ),
                  children: (
                    <>
                      {v.note && <Typography.Paragraph italic>{v.note}</Typography.Paragraph>}
                      <ol className="criteria-list">
                        {v.criteria.map((c) => (
                          <li key={c.code}>
                            {words(c)} <Typography.Text type="secondary" code>{c.code}</Typography.Text>
                          </li>
                        ))}
                      </ol>
                    </>
                  ),
                }))}
              />
            </Card>
          );
        })}
      </Space>
      <PublishDialog
        current={publishing}
        onClose={() => setPublishing(null)}
        onDone={(v) => {
          setPublishing(null);
          void message.success(t('criteria.published', { name: t(`criteria.set.${v.code}`), version: v.version }));
          reload();
        }}
      />
    </Page>
  );
}
