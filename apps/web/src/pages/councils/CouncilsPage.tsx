/**
 * Councils at every level: each unit's emulation and commendation council with its composition in force (chair,
 * vice-chairs, member-secretary, members; the secretariat) and the version it is. Everyone reads them; an
 * administrator sets up a unit's council and publishes a new composition (a new version, never an edit).
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Form, Select, Space, Table, Tag, TreeSelect, Typography, Input } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { COUNCIL_POSITIONS, type CouncilPosition } from '#domain';
import type { AccountView, CouncilSeatView, CouncilView } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { usePersonName } from '../../components/RecordContent';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { loadUnitTree, toTreeData } from '../../lib/units';
import { useAsync } from '../../lib/useAsync';

interface SetUpValues {
  unitId: string;
  name?: string;
}

interface CompositionValues {
  members: { accountId: string; position: CouncilPosition }[];
  secretariat: string[];
  note?: string;
}

function SetUpDialog({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const units = useAsync((signal) => (open ? loadUnitTree(signal) : Promise.resolve([])), [open]);
  return (
    <FormDialog<SetUpValues>
      open={open}
      name="set-up-council"
      title={t('councils.setUpTitle')}
      okText={t('councils.setUpOk')}
      known={['unitId', 'name']}
      intro={t('councils.setUpIntro')}
      submit={(values) => api.post('/api/councils', { unitId: values.unitId, ...(values.name?.trim() ? { name: values.name.trim() } : {}) })}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="unitId" label={t('councils.unit')} rules={[{ required: true, message: t('validation.required') }]}>
        <TreeSelect treeData={toTreeData(units.data ?? [])} showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder={t('common.choose')} />
      </Form.Item>
      <Form.Item name="name" label={t('councils.name')} extra={t('councils.nameHint')} rules={[{ max: 300, message: t('validation.max', { count: 300 }) }]}>
        <Input maxLength={300} />
      </Form.Item>
    </FormDialog>
  );
}

function CompositionDialog({ council, onClose, onDone }: { council: CouncilView | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const accounts = useAsync((signal) => (council ? api.get('/api/accounts', { signal }) : Promise.resolve([] as AccountView[])), [council?.id]);
  const option = (a: AccountView) => ({ value: a.id, label: `${a.displayName} (${a.username}${a.unit ? ` · ${a.unit.name}` : ''})` });
  const members = (accounts.data ?? []).filter((a) => a.role === 'COUNCIL_MEMBER' && !a.disabled).map(option);
  const secretariat = (accounts.data ?? []).filter((a) => a.role === 'COUNCIL_SECRETARY' && !a.disabled).map(option);
  return (
    <FormDialog<CompositionValues>
      open={council !== null}
      name="publish-composition"
      title={t('councils.compositionTitle', { name: council?.name ?? '', version: (council?.composition?.version ?? 0) + 1 })}
      okText={t('councils.compositionOk')}
      width={820}
      nested
      known={['members', 'secretariat', 'note']}
      intro={t('councils.compositionIntro')}
      warning={t('councils.compositionFinal')}
      initialValues={{
        members: council?.composition?.members.map((m) => ({ accountId: m.accountId, position: m.position })) ?? [{ accountId: undefined as never, position: 'CHAIR' }],
        secretariat: council?.composition?.secretariat.map((s) => s.accountId) ?? [],
      }}
      submit={(values) =>
        api.post('/api/councils/{id}/compositions', { members: values.members, secretariat: values.secretariat ?? [], ...(values.note?.trim() ? { note: values.note.trim() } : {}) }, { path: { id: council!.id } })
      }
      onClose={onClose}
      onDone={onDone}
    >
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'position']} rules={[{ required: true, message: t('validation.required') }]} style={{ width: 200, marginBottom: 8 }}>
                  <Select aria-label={t('councils.positionOf', { number: index + 1 })} options={COUNCIL_POSITIONS.map((p) => ({ value: p.code, label: words(p) }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'accountId']} rules={[{ required: true, message: t('validation.required') }]} style={{ width: 440, maxWidth: '70vw', marginBottom: 8 }}>
                  <Select aria-label={t('councils.memberOf', { number: index + 1 })} showSearch optionFilterProp="label" options={members} placeholder={t('common.choose')} />
                </Form.Item>
                <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('councils.removeMember', { number: index + 1 })} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ position: 'MEMBER' })} style={{ marginBottom: 16 }}>
              {t('councils.addMember')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="secretariat" label={t('councils.secretariat')}>
        <Select mode="multiple" showSearch optionFilterProp="label" options={secretariat} placeholder={t('common.choose')} />
      </Form.Item>
      <Form.Item name="note" label={t('councils.note')} extra={t('councils.noteHint')} rules={[{ max: 2000, message: t('validation.max', { count: 2000 }) }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

export function CouncilsPage() {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const personName = usePersonName();
  const { account } = useAuth();
  const { message } = AntApp.useApp();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/councils', { signal }), []);
  const [settingUp, setSettingUp] = useState(false);
  const [composing, setComposing] = useState<CouncilView | null>(null);
  const admin = account?.role === 'ADMIN';
  const byId = new Map((data ?? []).map((c) => [c.id, c]));

  return (
    <Page
      title={t('councils.title')}
      subtitle={t('councils.subtitle')}
      extra={admin ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setSettingUp(true)}>{t('councils.setUp')}</Button> : undefined}
    >
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {!loading && (data ?? []).length === 0 && <Empty />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {(data ?? []).map((council) => (
          <Card
            key={council.id}
            data-testid={`council-${council.unit.id}`}
            title={<h2 className="card-heading" style={{ whiteSpace: 'normal' }}>{council.name}</h2>}
          >
            {admin && !council.unit.retiredOn && (
              <Button onClick={() => setComposing(council)} data-testid="compose" style={{ float: 'right', marginLeft: 8, marginBottom: 8 }}>
                {t('councils.compose')}
              </Button>
            )}
            <Space wrap size={[8, 8]} style={{ marginBottom: 12 }}>
              {council.unit.retiredOn ? <Tag data-testid="council-retired">{t('councils.unitRetired', { date: format.date(council.unit.retiredOn) })}</Tag> : <Tag color="blue">{words(council.unit.levelLabel)}</Tag>}
              <span>{t('councils.ofUnit', { unit: council.unit.name })}</span>
              <span>·</span>
              <span>{council.parentCouncilId ? t('councils.parent', { name: byId.get(council.parentCouncilId)?.name ?? '' }) : t('councils.topLevel')}</span>
            </Space>
            {council.formerNames.map((f) => (
              <Typography.Paragraph key={f.replacedOn + f.name} type="secondary" data-testid="council-former-name" style={{ marginBottom: 8 }}>
                {t('councils.formerName', { name: f.name, date: format.date(f.replacedOn) })}
              </Typography.Paragraph>
            ))}
            {council.composition ? (
              <>
                <Table<CouncilSeatView>
                  size="small"
                  rowKey="accountId"
                  pagination={false}
                  dataSource={council.composition.members}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('councils.position'), dataIndex: 'positionLabel', width: 200, render: (v: CouncilSeatView['positionLabel'], m) => <Tag color={m.position === 'CHAIR' ? 'gold' : m.position === 'MEMBER' ? 'default' : 'geekblue'}>{words(v)}</Tag> },
                    { title: t('councils.member'), dataIndex: 'displayName' },
                    { title: t('candidate.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
                  ]}
                />
                <Typography.Paragraph style={{ marginTop: 12, marginBottom: 4 }}>
                  <strong>{t('councils.secretariat')}:</strong> {council.composition.secretariat.map((s) => s.displayName).join(', ') || '—'}
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {t('councils.version', { version: council.composition.version, by: personName(council.people, council.composition.publishedBy), at: format.dateTime(council.composition.publishedAt) })}
                  {council.composition.note ? ` — ${council.composition.note}` : ''}
                </Typography.Paragraph>
              </>
            ) : (
              <Typography.Paragraph type="secondary">{t('councils.noComposition')}</Typography.Paragraph>
            )}
          </Card>
        ))}
      </Space>
      <SetUpDialog
        open={settingUp}
        onClose={() => setSettingUp(false)}
        onDone={() => {
          setSettingUp(false);
          void message.success(t('councils.setUpDone'));
          reload();
        }}
      />
      <CompositionDialog
        council={composing}
        onClose={() => setComposing(null)}
        onDone={() => {
          setComposing(null);
          void message.success(t('councils.compositionDone'));
          reload();
        }}
      />
    </Page>
  );
}
