/** Administrators: the unit hierarchy, creating units below a chosen one and renaming them. */
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Select, Space, Tree, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isAbolishedLevel, type Sector, type UnitLevel } from '#domain';
import type { UnitView as Unit, UnitNode } from '#contracts';
import { api } from '../../api/client';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { findUnit, flatten, loadUnitTree } from '../../lib/units';
import { UnitTimelineCard } from './UnitTimelineCard';

interface CreateForm {
  name: string;
  level: UnitLevel;
  sector: Sector;
  code?: string;
}

function toTree(nodes: UnitNode[], retired: string): { key: string; title: string; className?: string; children: ReturnType<typeof toTree> }[] {
  return nodes.map((n) => ({
    key: n.id,
    title: n.status === 'RETIRED' ? `${n.name} (${retired})` : n.name,
    ...(n.status === 'RETIRED' ? { className: 'unit-retired' } : {}),
    children: toTree(n.children, retired),
  }));
}

function RenameUnit({ unit, onDone }: { unit: Unit; onDone(unit: Unit): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.setFieldsValue({ name: unit.name });
    setError(null);
  }, [unit, form]);
  return (
    <Form
      form={form}
      layout="vertical"
      name="rename-unit"
      disabled={busy}
      onFinish={async ({ name }) => {
        setBusy(true);
        setError(null);
        try {
          onDone(await api.patch('/api/units/{id}', { name, expectedVersion: unit.version }, { path: { id: unit.id } }));
        } catch (e) {
          setError(applyServerErrors(form, e, t, i18n.language, { known: ['name'] }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item name="name" label={t('units.newName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.max', { count: 300 }) }]} extra={t('units.renameHint')}>
        <Input maxLength={300} />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={busy}>
        {t('units.rename')}
      </Button>
    </Form>
  );
}

function CreateUnit({ parent, onDone }: { parent: Unit | null; onDone(unit: Unit): void }) {
  const { t, i18n } = useTranslation();
  const { options } = useLabels();
  const [form] = Form.useForm<CreateForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ level: parent ? (parent.level === 'PROVINCE' ? 'DEPARTMENT' : 'GRASSROOTS') : 'PROVINCE', sector: parent?.sector ?? 'STATE' });
    setError(null);
  }, [parent, form]);
  // No district level since 01/7/2025: a new unit is never one (former districts stay in the tree's history).
  const levels = options('level').filter((o) => !isAbolishedLevel(o.value) && (parent ? o.value !== 'PROVINCE' : o.value === 'PROVINCE'));
  return (
    <Form<CreateForm>
      form={form}
      layout="vertical"
      name="create-unit"
      disabled={busy}
      onFinish={async (values) => {
        setBusy(true);
        setError(null);
        try {
          const body = { ...values, code: values.code?.trim() || undefined, parentId: parent?.id };
          onDone(await api.post('/api/units', body));
          form.resetFields(['name', 'code']);
        } catch (e) {
          setError(applyServerErrors(form, e, t, i18n.language, { known: ['name', 'level', 'sector', 'code'], rename: { parentId: 'level' } }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.max', { count: 300 }) }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Space wrap size={[16, 0]} align="start">
        <Form.Item name="level" label={t('units.level')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={levels} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="sector" label={t('units.sector')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={options('sector')} style={{ width: 300 }} popupMatchSelectWidth={false} />
        </Form.Item>
      </Space>
      <Form.Item name="code" label={t('units.code')} extra={t('units.codeHint')} rules={[{ pattern: /^[A-Z0-9][A-Z0-9_-]{0,39}$/, message: t('units.codeFormat') }]}>
        <Input maxLength={40} style={{ width: 200 }} onChange={(e) => form.setFieldValue('code', e.target.value.toUpperCase())} />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={busy} className="wrapping-button">
        {parent ? t('units.createBelow', { parent: parent.name }) : t('units.createProvince')}
      </Button>
    </Form>
  );
}

export function UnitsPage() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { message } = AntApp.useApp();
  const { data, error, loading, reload } = useAsync((signal) => loadUnitTree(signal), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = useMemo(() => (data ? (findUnit(data, selectedId) ?? null) : null), [data, selectedId]);
  const allKeys = useMemo(() => (data ? flatten(data).map((u) => u.id) : []), [data]);
  useEffect(() => {
    if (data && !selectedId && data[0]) setSelectedId(data[0].id);
  }, [data, selectedId]);

  return (
    <Page title={t('units.title')} subtitle={t('units.subtitle')}>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-heading">{t('units.tree')}</h2>} loading={loading && !data}>
            {data && data.length > 0 ? (
              <Tree
                aria-label={t('units.tree')}
                treeData={toTree(data, t('reorg.retired'))}
                selectedKeys={selectedId ? [selectedId] : []}
                defaultExpandedKeys={allKeys}
                key={allKeys.length}
                onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                blockNode
              />
            ) : (
              <Empty description={t('units.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {selected && <UnitTimelineCard unitId={selected.id} onSelect={setSelectedId} />}
            {selected && selected.status === 'ACTIVE' && (
              <Card title={<h2 className="card-heading">{selected.name}</h2>}>
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'code', label: t('units.code'), children: selected.code ?? '—' },
                    { key: 'level', label: t('units.level'), children: label('level', selected.level) },
                    { key: 'sector', label: t('units.sector'), children: label('sector', selected.sector) },
                    { key: 'children', label: t('units.children'), children: selected.children.length },
                  ]}
                />
                <Typography.Title level={3} className="section-heading" style={{ marginTop: 16 }}>
                  {t('units.rename')}
                </Typography.Title>
                <RenameUnit
                  unit={selected}
                  onDone={(unit) => {
                    void message.success(t('units.renamed', { name: unit.name }));
                    reload();
                  }}
                />
              </Card>
            )}
            {data && selected?.status !== 'RETIRED' && (
              <Card title={<h2 className="card-heading">{selected ? t('units.createBelow', { parent: selected.name }) : t('units.createProvince')}</h2>}>
                <CreateUnit
                  parent={selected}
                  onDone={(unit) => {
                    void message.success(t('units.created', { name: unit.name }));
                    setSelectedId(unit.id);
                    reload();
                  }}
                />
              </Card>
            )}
          </Space>
        </Col>
      </Row>
    </Page>
  );
}
