/**
 * Administrators: reorganisations of the unit tree as guided forms. Choose the operation and its units, name the
 * deciding document, look at the preview (what moves where, computed by the server without writing), place what
 * has no home yet, then apply: one audited change. Below, every operation applied, newest first.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Input, Radio, Row, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReorganisationEffect, UnitNode, UnitOperationView } from '#contracts';
import { api } from '../../api/client';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { useFormat } from '../../lib/format';
import { flatten, loadUnitTree } from '../../lib/units';

type Kind = 'RENAME' | 'MOVE' | 'MERGE' | 'SPLIT' | 'DISSOLVE';
const KINDS: Kind[] = ['MERGE', 'SPLIT', 'MOVE', 'RENAME', 'DISSOLVE'];

interface PartForm {
  mode: 'NEW' | 'EXISTING';
  unitId?: string;
  name?: string;
}

interface OperationForm {
  kind: Kind;
  unitId?: string;
  name?: string;
  parentId?: string;
  unitIds?: string[];
  into?: 'NEW' | 'EXISTING';
  intoUnitId?: string;
  newName?: string;
  newParentId?: string;
  parts?: PartForm[];
  effectiveOn: string;
  documentNumber: string;
  documentDate: string;
  documentAuthority: string;
  note?: string;
}

/** Active units as a tree for the pickers (retired ones are history: they take no operation). */
function activeTree(nodes: UnitNode[]): { value: string; title: string; children: ReturnType<typeof activeTree> }[] {
  return nodes.filter((n) => n.status === 'ACTIVE').map((n) => ({ value: n.id, title: n.name, children: activeTree(n.children) }));
}

export function ReorganisationPage() {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const format = useFormat();
  const { message, modal } = AntApp.useApp();
  const tree = useAsync((signal) => loadUnitTree(signal), []);
  const operations = useAsync((signal) => api.get('/api/unit-reorganisations', { signal }), []);
  const [form] = Form.useForm<OperationForm>();
  const kind = Form.useWatch('kind', form) ?? 'MERGE';
  const into = Form.useWatch('into', form) ?? 'NEW';
  const chosen = Form.useWatch('unitIds', form);
  const parts = Form.useWatch('parts', form);
  const [preview, setPreview] = useState<ReorganisationEffect | null>(null);
  const [placements, setPlacements] = useState<Record<string, number>>({});
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useMemo(() => (tree.data ? flatten(tree.data) : []), [tree.data]);
  const nameOf = (id: string | undefined) => units.find((u) => u.id === id)?.name ?? '';
  const treeData = useMemo(() => (tree.data ? activeTree(tree.data) : []), [tree.data]);

  const body = (values: OperationForm) => {
    const doc = { effectiveOn: values.effectiveOn, documentNumber: values.documentNumber, documentDate: values.documentDate, documentAuthority: values.documentAuthority, note: values.note?.trim() || undefined };
    const unit = units.find((u) => u.id === values.unitId);
    switch (values.kind) {
      case 'RENAME':
        return { kind: values.kind, ...doc, unitId: values.unitId, name: values.name };
      case 'MOVE':
        return { kind: values.kind, ...doc, unitId: values.unitId, parentId: values.parentId };
      case 'DISSOLVE':
        return { kind: values.kind, ...doc, unitId: values.unitId };
      case 'MERGE': {
        const first = units.find((u) => u.id === values.unitIds?.[0]);
        return {
          kind: values.kind,
          ...doc,
          unitIds: values.unitIds,
          ...(values.into === 'EXISTING'
            ? { intoUnitId: values.intoUnitId }
            : { newUnit: { name: values.newName, level: first?.level ?? 'GRASSROOTS', sector: first?.sector ?? 'STATE', parentId: values.newParentId ?? first?.parentId ?? undefined } }),
        };
      }
      case 'SPLIT':
        return {
          kind: values.kind,
          ...doc,
          unitId: values.unitId,
          parts: (values.parts ?? []).map((p) =>
            p.mode === 'EXISTING' ? { unitId: p.unitId } : { newUnit: { name: p.name, level: unit?.level ?? 'GRASSROOTS', sector: unit?.sector ?? 'STATE' } },
          ),
          placements: Object.entries(placements).map(([key, part]) => {
            const [k, id] = key.split(':');
            return { kind: k, id, part };
          }),
        };
    }
  };

  const run = async (apply: boolean) => {
    setError(null);
    let values: OperationForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      if (!apply) {
        setPreview(await api.post('/api/unit-reorganisations/preview', body(values) as never));
      } else {
        const done = await api.post('/api/unit-reorganisations', body(values) as never);
        void message.success(t('reorg.applied', { kind: t(`reorg.kinds.${done.kind}`) }));
        setPreview(null);
        setPlacements({});
        form.resetFields(['unitId', 'name', 'parentId', 'unitIds', 'intoUnitId', 'newName', 'newParentId', 'parts']);
        tree.reload();
        operations.reload();
      }
    } catch (e) {
      setError(applyServerErrors(form, e, t, i18n.language, { known: ['unitId', 'name', 'parentId', 'unitIds', 'intoUnitId', 'effectiveOn', 'documentNumber', 'documentDate', 'documentAuthority'] }));
    } finally {
      setBusy(false);
    }
  };

  const partNames = (parts ?? []).map((p, i) => (p?.mode === 'EXISTING' ? nameOf(p.unitId) : p?.name) || t('reorg.partN', { n: i + 1 }));
  const ref = (u: { name: string } | null) => u?.name ?? '—';

  return (
    <Page title={t('reorg.title')} subtitle={t('reorg.subtitle')}>
      {tree.error ? <LoadError error={tree.error} onRetry={tree.reload} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-heading">{t('reorg.formTitle')}</h2>} loading={tree.loading && !tree.data}>
            <Form<OperationForm>
              form={form}
              layout="vertical"
              name="reorganisation"
              disabled={busy}
              initialValues={{ kind: 'MERGE', into: 'NEW', parts: [{ mode: 'NEW' }, { mode: 'NEW' }] }}
              onValuesChange={() => setPreview(null)}
            >
              <ErrorAlert error={error} />
              <Form.Item name="kind" label={t('reorg.kind')}>
                <Radio.Group optionType="button" buttonStyle="solid" options={KINDS.map((k) => ({ value: k, label: t(`reorg.kinds.${k}`) }))} />
              </Form.Item>
              <Typography.Paragraph type="secondary">{t(`reorg.help.${kind}`)}</Typography.Paragraph>

              {kind === 'MERGE' ? (
                <>
                  <Form.Item name="unitIds" label={t('reorg.unitIds')} rules={[{ required: true, type: 'array', min: 2, message: t('reorg.atLeastTwo') }]}>
                    <TreeSelect treeData={treeData} multiple treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('common.choose')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="into" label={t('reorg.into')}>
                    <Radio.Group options={[{ value: 'NEW', label: t('reorg.intoNew') }, { value: 'EXISTING', label: t('reorg.intoExisting') }]} />
                  </Form.Item>
                  {into === 'EXISTING' ? (
                    <Form.Item name="intoUnitId" label={t('reorg.intoUnitId')} rules={[{ required: true, message: t('validation.required') }]}>
                      <Select options={(chosen ?? []).map((id) => ({ value: id, label: nameOf(id) }))} placeholder={t('common.choose')} />
                    </Form.Item>
                  ) : (
                    <>
                      <Form.Item name="newName" label={t('reorg.newName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.max', { count: 300 }) }]}>
                        <Input maxLength={300} />
                      </Form.Item>
                      <Form.Item name="newParentId" label={t('reorg.newParentId')} extra={t('reorg.newParentHint')}>
                        <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch allowClear treeNodeFilterProp="title" placeholder={t('common.choose')} style={{ width: '100%' }} />
                      </Form.Item>
                    </>
                  )}
                </>
              ) : (
                <Form.Item name="unitId" label={t('reorg.unitId')} rules={[{ required: true, message: t('validation.required') }]}>
                  <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('common.choose')} style={{ width: '100%' }} />
                </Form.Item>
              )}
              {kind === 'RENAME' && (
                <Form.Item name="name" label={t('reorg.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.max', { count: 300 }) }]}>
                  <Input maxLength={300} />
                </Form.Item>
              )}
              {kind === 'MOVE' && (
                <Form.Item name="parentId" label={t('reorg.parentId')} rules={[{ required: true, message: t('validation.required') }]}>
                  <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('common.choose')} style={{ width: '100%' }} />
                </Form.Item>
              )}
              {kind === 'SPLIT' && (
                <Form.List name="parts">
                  {(fields, { add, remove }) => (
                    <div role="group" aria-label={t('reorg.parts')}>
                      <Typography.Text strong>{t('reorg.parts')}</Typography.Text>
                      <Typography.Paragraph type="secondary">{t('reorg.partsHint')}</Typography.Paragraph>
                      {fields.map((field, i) => (
                        <Space key={field.key} wrap align="start" style={{ display: 'flex', marginBottom: 8 }}>
                          <Form.Item name={[field.name, 'mode']} noStyle>
                            <Select style={{ width: 150 }} aria-label={t('reorg.partMode', { n: i + 1 })} options={[{ value: 'NEW', label: t('reorg.partNew') }, { value: 'EXISTING', label: t('reorg.partExisting') }]} />
                          </Form.Item>
                          {parts?.[i]?.mode === 'EXISTING' ? (
                            <Form.Item name={[field.name, 'unitId']} rules={[{ required: true, message: t('validation.required') }]} style={{ marginBottom: 0 }}>
                              <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch treeNodeFilterProp="title" aria-label={t('reorg.partN', { n: i + 1 })} style={{ width: 260 }} />
                            </Form.Item>
                          ) : (
                            <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ marginBottom: 0 }}>
                              <Input aria-label={t('reorg.partN', { n: i + 1 })} placeholder={t('reorg.partName')} style={{ width: 260 }} maxLength={300} />
                            </Form.Item>
                          )}
                          {fields.length > 2 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('reorg.removePart')} onClick={() => remove(field.name)} />}
                        </Space>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({ mode: 'NEW' })} style={{ marginBottom: 16 }}>
                        {t('reorg.addPart')}
                      </Button>
                    </div>
                  )}
                </Form.List>
              )}

              <Typography.Title level={3} className="section-heading">
                {t('reorg.document')}
              </Typography.Title>
              <Space wrap size={[16, 0]} align="start">
                <Form.Item name="documentNumber" label={t('reorg.documentNumber')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100, message: t('validation.max', { count: 100 }) }]}>
                  <Input maxLength={100} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name="documentDate" label={t('reorg.documentDate')} rules={[{ required: true, message: t('validation.required') }]}>
                  <Input type="date" style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name="effectiveOn" label={t('reorg.effectiveOn')} rules={[{ required: true, message: t('validation.required') }]}>
                  <Input type="date" style={{ width: 180 }} />
                </Form.Item>
              </Space>
              <Form.Item name="documentAuthority" label={t('reorg.documentAuthority')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.max', { count: 300 }) }]}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item name="note" label={t('reorg.note')}>
                <Input.TextArea rows={2} maxLength={4000} />
              </Form.Item>
              <Space wrap>
                <Button onClick={() => void run(false)} loading={busy}>
                  {t('reorg.preview')}
                </Button>
                <Button
                  type="primary"
                  disabled={!preview || preview.blockers.length > 0}
                  onClick={() =>
                    modal.confirm({
                      title: t('reorg.confirmTitle'),
                      content: t('reorg.confirmText'),
                      okText: t('reorg.apply'),
                      cancelText: t('common.cancel'),
                      onOk: () => run(true),
                    })
                  }
                >
                  {t('reorg.apply')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-heading">{t('reorg.previewTitle')}</h2>}>
            {!preview ? (
              <Empty description={t('reorg.previewEmpty')} />
            ) : (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }} aria-live="polite">
                {preview.blockers.length > 0 ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('reorg.blocked')}
                    description={
                      <ul className="error-details" aria-label={t('reorg.blocked')}>
                        {preview.blockers.map((b) => (
                          <li key={`${b.kind}:${b.id}`}>
                            {i18n.language === 'en' ? b.en : b.vi}
                            {kind === 'SPLIT' && b.kind !== 'SESSION' && (
                              <Select
                                size="small"
                                style={{ minWidth: 180, marginInlineStart: 8 }}
                                aria-label={t('reorg.placeFor', { name: b.name })}
                                placeholder={t('reorg.placeTo')}
                                value={placements[`${b.kind}:${b.id}`]}
                                options={partNames.map((n, i) => ({ value: i, label: n }))}
                                onChange={(v: number) => {
                                  setPlacements((p) => ({ ...p, [`${b.kind}:${b.id}`]: v }));
                                }}
                              />
                            )}
                          </li>
                        ))}
                      </ul>
                    }
                  />
                ) : (
                  <Alert type="success" showIcon title={t('reorg.ready')} />
                )}
                <Table
                  size="small"
                  rowKey={(r) => `${r.id}:${r.change}`}
                  pagination={false}
                  scroll={{ x: true }}
                  caption={t('reorg.unitsCaption')}
                  dataSource={preview.units}
                  columns={[
                    { title: t('reorg.unit'), dataIndex: 'name' },
                    { title: t('reorg.change'), dataIndex: 'change', render: (c: string) => <Tag>{t(`reorg.changes.${c}`)}</Tag> },
                    { title: t('reorg.before'), render: (_: unknown, r) => `${r.nameBefore ?? '—'}${r.parentBefore ? ` (${r.parentBefore.name})` : ''}` },
                    { title: t('reorg.after'), render: (_: unknown, r) => `${r.nameAfter}${r.parentAfter ? ` (${r.parentAfter.name})` : ''}` },
                  ]}
                />
                <Table
                  size="small"
                  rowKey="id"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: true }}
                  caption={t('reorg.candidatesCaption', { count: preview.candidateCount })}
                  dataSource={preview.candidates}
                  locale={{ emptyText: t('reorg.noCandidates') }}
                  columns={[
                    { title: t('reorg.candidate'), dataIndex: 'name' },
                    { title: t('reorg.state'), dataIndex: 'state', render: (s: string) => label('state', s) },
                    { title: t('reorg.nominatedIn'), render: (_: unknown, r) => r.nominatedIn.name },
                    { title: t('reorg.nowUnder'), render: (_: unknown, r) => `${ref(r.before)} → ${ref(r.after)}` },
                  ]}
                />
                {preview.accounts.length > 0 && (
                  <Descriptions
                    size="small"
                    column={1}
                    title={t('reorg.accountsCaption')}
                    items={preview.accounts.map((a) => ({ key: a.id, label: `${a.displayName} (${a.username})`, children: `${a.from.name} → ${a.to.name}` }))}
                  />
                )}
                {preview.councils.filter((c) => c.continuesUnder).map((c) => (
                  <Typography.Paragraph key={c.id} data-testid="council-continues">
                    {t('reorg.councilContinues', { name: c.name, unit: c.continuesUnder!.name })}
                    {c.nameAfter ? ` ${t('reorg.councilRenamed', { name: c.nameAfter })}` : null}
                  </Typography.Paragraph>
                ))}
                {preview.councils.some((c) => !c.continuesUnder) && (
                  <Typography.Paragraph type="secondary">{t('reorg.councils', { names: preview.councils.filter((c) => !c.continuesUnder).map((c) => c.name).join(', ') })}</Typography.Paragraph>
                )}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={<h2 className="card-heading">{t('reorg.history')}</h2>} loading={operations.loading && !operations.data}>
            <Table<UnitOperationView>
              size="small"
              rowKey="id"
              scroll={{ x: true }}
              dataSource={operations.data ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('reorg.noOperations') }}
              columns={[
                { title: t('reorg.effectiveOn'), dataIndex: 'effectiveOn', render: (d: string) => format.date(d) },
                { title: t('reorg.kind'), dataIndex: 'kind', render: (k: string) => t(`reorg.kinds.${k}`) },
                {
                  title: t('reorg.summary'),
                  render: (_: unknown, o) =>
                    o.effect.units
                      .map((u) => `${t(`reorg.changes.${u.change}`)}: ${u.nameBefore && u.nameBefore !== u.nameAfter ? `${u.nameBefore} → ` : ''}${u.nameAfter}`)
                      .join('; '),
                },
                { title: t('reorg.document'), render: (_: unknown, o) => `${o.documentNumber} (${format.date(o.documentDate)}), ${o.documentAuthority}` },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Page>
  );
}
