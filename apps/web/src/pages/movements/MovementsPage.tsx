/**
 * Phong trào thi đua: the movements within the reader's reach, searchable without diacritics, and the launch of a
 * new one (unit heads and the council's secretariat) with its launching document.
 */
import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ROLE_GROUPS, MOVEMENT_STATUSES, type Field } from '#domain';
import type { MovementListItem, MovementView } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { findUnit, loadUnitTree, toTreeData } from '../../lib/units';

const PAGE_SIZE = 20;

interface LaunchValues {
  name: string;
  launchingUnitId: string;
  period: [Dayjs, Dayjs];
  fields: Field[];
  goals: string;
  documentNumber: string;
  documentDate: Dayjs;
  documentTitle?: string;
}

export function MovementsPage() {
  const { t } = useTranslation();
  const { words, options, language } = useLabels();
  const format = useFormat();
  const { account } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [launching, setLaunching] = useState(false);
  const page = Number(params.get('trang') ?? 1) || 1;
  const q = params.get('q') ?? undefined;
  const status = params.get('trangThai') ?? undefined;
  const { data, error, loading, reload } = useAsync(
    (signal) => api.get('/api/movements', { query: { q, status, page, pageSize: PAGE_SIZE }, signal }),
    [q, status, page],
  );
  const mayLaunch = !!account && (ROLE_GROUPS.movementRunners as readonly string[]).includes(account.role);
  const units = useAsync((signal) => (mayLaunch ? loadUnitTree(signal) : Promise.resolve(null)), [mayLaunch]);
  const treeData = useMemo(() => {
    if (!units.data) return [];
    const own = findUnit(units.data, account?.unitId);
    return toTreeData(own ? [own] : units.data);
  }, [units.data, account?.unitId]);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) value ? next.set(key, value) : next.delete(key);
    if (!('trang' in changes)) next.delete('trang');
    setParams(next);
  };

  return (
    <Page
      title={t('movements.title')}
      subtitle={data ? t('movements.total', { count: data.total, formatted: format.number(data.total) }) : undefined}
      extra={
        mayLaunch && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setLaunching(true)}>
            {t('movements.launch')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" role="search" aria-label={t('movements.filters')} className="filters">
          <Space wrap size={[16, 0]} align="end">
            <Form.Item label={t('movements.search')} htmlFor="movement-q">
              <Input.Search id="movement-q" defaultValue={q} key={`q-${q ?? ''}`} allowClear onSearch={(v) => set({ q: v.trim() || undefined })} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item label={t('movements.status')} htmlFor="movement-status">
              <Select
                id="movement-status"
                allowClear
                value={status}
                placeholder={t('common.all')}
                style={{ width: 200 }}
                onChange={(v) => set({ trangThai: v })}
                options={MOVEMENT_STATUSES.map((s) => ({ value: s.code, label: language === 'en' ? s.en : s.vi }))}
              />
            </Form.Item>
          </Space>
        </Form>
      </Card>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      <Table<MovementListItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ trang: String(p) }) }}
        columns={[
          { title: t('movements.name'), key: 'name', render: (_, m) => <Link to={ROUTES.movement(m.id)}>{m.name}</Link> },
          { title: t('movements.launchingUnit'), key: 'unit', render: (_, m) => m.launchingUnit.name },
          { title: t('movements.period'), key: 'period', render: (_, m) => `${format.date(m.periodFrom)} – ${format.date(m.periodTo)}` },
          { title: t('movements.status'), key: 'status', render: (_, m) => <Tag color={m.status === 'CLOSED' ? 'default' : m.status === 'RUNNING' ? 'green' : 'blue'}>{words(m.statusLabel)}</Tag> },
          { title: t('movements.registeredUnits'), dataIndex: 'registeredUnits', align: 'right' },
        ]}
      />
      <FormDialog<LaunchValues>
        open={launching}
        title={t('movements.launch')}
        name="launch-movement"
        okText={t('movements.launchOk')}
        width={720}
        initialValues={{ launchingUnitId: account?.unitId ?? undefined }}
        known={['name', 'launchingUnitId', 'periodFrom', 'periodTo', 'fields', 'goals', 'documentNumber', 'documentDate', 'documentTitle']}
        submit={(v) =>
          api.post('/api/movements', {
            name: v.name,
            launchingUnitId: v.launchingUnitId,
            periodFrom: v.period[0].format('YYYY-MM-DD'),
            periodTo: v.period[1].format('YYYY-MM-DD'),
            fields: v.fields,
            goals: v.goals,
            documentNumber: v.documentNumber,
            documentDate: v.documentDate.format('YYYY-MM-DD'),
            ...(v.documentTitle ? { documentTitle: v.documentTitle } : {}),
          })
        }
        onClose={() => setLaunching(false)}
        onDone={(result) => {
          setLaunching(false);
          navigate(ROUTES.movement((result as MovementView).id));
        }}
      >
        <Form.Item label={t('movements.name')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label={t('movements.launchingUnit')} name="launchingUnitId" rules={[{ required: true, message: t('validation.required') }]}>
          <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item label={t('movements.period')} name="period" rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('movements.fields')} name="fields" rules={[{ required: true, message: t('validation.required') }]}>
          <Select mode="multiple" options={options('field')} />
        </Form.Item>
        <Form.Item label={t('movements.goals')} name="goals" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={4} maxLength={10000} showCount />
        </Form.Item>
        <Space wrap size={16} style={{ width: '100%' }}>
          <Form.Item label={t('movements.documentNumber')} name="documentNumber" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={100} placeholder="05/KH-HĐTĐKT" />
          </Form.Item>
          <Form.Item label={t('movements.documentDate')} name="documentDate" rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Space>
        <Form.Item label={t('movements.documentTitle')} name="documentTitle">
          <Input maxLength={1000} />
        </Form.Item>
      </FormDialog>
    </Page>
  );
}
