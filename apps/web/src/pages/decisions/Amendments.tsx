/**
 * Corrections and revocations of a session's decision, on its page: the secretariat drafts either from the issued
 * recognition (a revocation picks its grounds from Luật Thi đua, khen thưởng 2022 Chương VII, each shown with the
 * article it cites); the clerk then numbers and issues the draft like any decision (DraftCard). Each issued
 * correction or revocation shows its document, its signatures, and — for a revocation — its grounds, the chain it
 * ended and the recovery of certificates and rewards, with its history and a form to record one.
 */
import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { EditOutlined, FilePdfOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ISSUING_AUTHORITIES, RECOVERY_ITEMS, REVOCATION_GROUNDS } from '#domain';
import type { DecisionView, RevocationRecoveryView } from '#contracts';
import { api } from '../../api/client';
import { LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { WRAPPING } from './DraftCard';
import { SignaturesPanel } from './SignaturesPanel';

interface CorrectValues {
  authorityCode: string;
  candidateId: string;
  name?: string;
  unitName?: string;
  achievement?: string;
  reasons: string;
}

interface RevokeValues {
  authorityCode: string;
  grounds: string[];
  candidateIds: string[];
  reasons: string;
}

/** The secretariat's buttons on an issued recognition: draft a correction, draft a revocation. */
export function AmendButtons({ decision, onDrafted }: { decision: DecisionView; onDrafted(): void }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const [correcting, setCorrecting] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const standing = decision.recipients.filter((r) => !r.revoked);
  if (standing.length === 0) return null;
  const authorities = ISSUING_AUTHORITIES.map((a) => ({ value: a.code, label: words(a) }));
  const people = standing.map((r) => ({ value: r.candidateId, label: r.name }));
  return (
    <>
      <Space wrap>
        <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)} data-testid="draft-correction" style={WRAPPING}>
          {t('amendments.correct')}
        </Button>
        <Button danger icon={<StopOutlined />} onClick={() => setRevoking(true)} data-testid="draft-revocation" style={WRAPPING}>
          {t('amendments.revoke')}
        </Button>
      </Space>

      <FormDialog<CorrectValues>
        open={correcting}
        name="draft-correction"
        title={t('amendments.correctTitle', { number: decision.number })}
        okText={t('amendments.draftOk')}
        intro={t('amendments.correctIntro')}
        known={['authorityCode', 'reasons', 'recipients']}
        initialValues={{ authorityCode: decision.authority.code }}
        submit={(v) =>
          api.post(
            '/api/decisions/{id}/corrections',
            {
              authorityCode: v.authorityCode as DecisionView['authority']['code'],
              reasons: v.reasons,
              recipients: [{ candidateId: v.candidateId, ...(v.name ? { name: v.name } : {}), ...(v.unitName ? { unitName: v.unitName } : {}), ...(v.achievement ? { achievement: v.achievement } : {}) }],
            },
            { path: { id: decision.id } },
          )
        }
        onClose={() => setCorrecting(false)}
        onDone={() => {
          setCorrecting(false);
          onDrafted();
        }}
      >
        {(form) => (
          <>
            <Form.Item name="authorityCode" label={t('decisions.authority')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={authorities} />
            </Form.Item>
            <Form.Item name="candidateId" label={t('amendments.whom')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                options={people}
                onChange={(id: string) => {
                  const r = standing.find((x) => x.candidateId === id);
                  if (r) form.setFieldsValue({ name: r.name, unitName: r.unitName, achievement: r.achievement });
                }}
              />
            </Form.Item>
            <Form.Item name="name" label={t('amendments.correctName')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="unitName" label={t('amendments.correctUnit')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="achievement" label={t('amendments.correctAchievement')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="reasons" label={t('amendments.reasons')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </>
        )}
      </FormDialog>

      <FormDialog<RevokeValues>
        open={revoking}
        name="draft-revocation"
        title={t('amendments.revokeTitle', { number: decision.number })}
        okText={t('amendments.draftOk')}
        intro={t('amendments.revokeIntro')}
        danger
        known={['authorityCode', 'grounds', 'candidateIds', 'reasons']}
        initialValues={{ authorityCode: decision.authority.code, candidateIds: standing.length === 1 ? [standing[0]!.candidateId] : [] }}
        submit={(v) =>
          api.post(
            '/api/decisions/{id}/revocations',
            { authorityCode: v.authorityCode as DecisionView['authority']['code'], grounds: v.grounds as (typeof REVOCATION_GROUNDS)[number]['code'][], candidateIds: v.candidateIds, reasons: v.reasons },
            { path: { id: decision.id } },
          )
        }
        onClose={() => setRevoking(false)}
        onDone={() => {
          setRevoking(false);
          onDrafted();
        }}
      >
        <Form.Item name="authorityCode" label={t('decisions.authority')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={authorities} />
        </Form.Item>
        <Form.Item name="grounds" label={t('amendments.grounds')} extra={t('amendments.groundsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
          <Select
            mode="multiple"
            optionLabelProp="short"
            options={REVOCATION_GROUNDS.map((g) => ({
              value: g.code,
              // Every ground comes from the same chapter of the law (the hint says which): the words tell them apart.
              title: words(g),
              short: words(g),
              label: <span style={{ whiteSpace: 'normal' }}>{words(g)}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item name="candidateIds" label={t('amendments.whomRevoked')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
          <Select mode="multiple" options={people} />
        </Form.Item>
        <Form.Item name="reasons" label={t('amendments.revokeFacts')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </FormDialog>
    </>
  );
}

/** An issued correction or revocation of the session's decision. */
export function AmendmentCard({ decision, isSecretary }: { decision: DecisionView; isSecretary: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card title={t(`amendments.issuedCard.${decision.kind}`, { number: decision.number })} data-testid={`amendment-${decision.id}`}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'number', label: t('decisions.number'), children: decision.number },
          { key: 'issuedOn', label: t('decisions.issuedOn'), children: format.date(decision.issuedOn) },
          { key: 'subject', label: t('decisions.subject'), children: decision.subject },
          { key: 'names', label: decision.kind === 'REVOCATION' ? t('amendments.revokedNames') : t('decisions.recipients'), children: decision.recipients.map((r) => r.name).join('; ') },
        ]}
      />
      <Space wrap style={{ margin: '12px 0' }}>
        <Button href={`/api/decisions/${decision.id}/pdf`} icon={<FilePdfOutlined />} data-testid={`amendment-pdf-${decision.id}`}>
          {t('decisions.decisionPdf')}
        </Button>
      </Space>
      {decision.kind === 'REVOCATION' && <RevocationPanel decision={decision} isSecretary={isSecretary} />}
      <SignaturesPanel decision={decision} canSign={isSecretary} />
    </Card>
  );
}

interface RecoveryValues {
  candidateId: string;
  item: string;
  quantity?: number;
  amount?: number;
  recoveredOn: Dayjs;
  document: string;
  note?: string;
}

/** A revocation's grounds (with the law they come from), the chain it ended, and the recoveries after it. */
function RevocationPanel({ decision, isSecretary }: { decision: DecisionView; isSecretary: boolean }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const state = useAsync((signal) => api.get('/api/decisions/{id}/revocation', { path: { id: decision.id }, signal }), [decision.id]);
  const [recording, setRecording] = useState(false);
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} />;
  const r = state.data;
  return (
    <div data-testid="revocation-record">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'grounds',
            label: t('amendments.grounds'),
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {(r?.grounds ?? []).map((g) => (
                  <li key={g.code}>
                    {words(g)} <em>({g.citation})</em>
                  </li>
                ))}
              </ul>
            ),
          },
          { key: 'chain', label: t('amendments.chain'), children: (r?.chain ?? []).map((c) => `${c.number} (${format.date(c.issuedOn)})`).join('; ') },
          {
            key: 'certificates',
            label: t('amendments.certificatesRecovered'),
            children: (r?.recipients ?? []).map((x) => `${x.name}: ${x.certificateRecovered ? t('amendments.recovered') : t('amendments.notRecovered')}`).join('; '),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        <RollbackOutlined aria-hidden /> {t('amendments.recoveries')}
      </Typography.Title>
      <Table<RevocationRecoveryView>
        size="small"
        rowKey="id"
        loading={state.loading}
        pagination={false}
        dataSource={r?.recoveries ?? []}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('amendments.noRecoveries') }}
        data-testid="recoveries"
        columns={[
          { title: t('amendments.recoveredOn'), key: 'on', width: 110, render: (_: unknown, x) => format.date(x.recoveredOn) },
          { title: t('decisions.recipient'), dataIndex: 'candidateName' },
          { title: t('amendments.item'), key: 'item', render: (_: unknown, x) => words(x.itemLabel) },
          { title: t('amendments.quantityOrAmount'), key: 'qty', width: 140, render: (_: unknown, x) => (x.amount !== null ? t('amendments.money', { amount: format.number(x.amount) }) : x.quantity) },
          { title: t('amendments.document'), dataIndex: 'document' },
          { title: t('amendments.recordedAt'), key: 'at', width: 150, render: (_: unknown, x) => format.dateTime(x.recordedAt) },
        ]}
      />
      {isSecretary && (
        <Button style={{ marginTop: 8, ...WRAPPING }} icon={<RollbackOutlined />} onClick={() => setRecording(true)} data-testid="record-recovery">
          {t('amendments.recordRecovery')}
        </Button>
      )}
      <FormDialog<RecoveryValues>
        open={recording}
        name="record-recovery"
        title={t('amendments.recordRecovery')}
        okText={t('amendments.recordOk')}
        known={['candidateId', 'item', 'quantity', 'amount', 'recoveredOn', 'document', 'note']}
        initialValues={{ item: 'CERTIFICATE', quantity: 1, recoveredOn: dayjs(), ...(decision.recipients.length === 1 ? { candidateId: decision.recipients[0]!.candidateId } : {}) }}
        submit={(v) =>
          api.post(
            '/api/decisions/{id}/recoveries',
            {
              candidateId: v.candidateId,
              item: v.item as (typeof RECOVERY_ITEMS)[number]['code'],
              ...(v.item === 'REWARD_MONEY' ? (v.amount ? { amount: v.amount } : {}) : v.quantity ? { quantity: v.quantity } : {}),
              recoveredOn: v.recoveredOn.format('YYYY-MM-DD'),
              document: v.document,
              ...(v.note ? { note: v.note } : {}),
            },
            { path: { id: decision.id } },
          )
        }
        onClose={() => setRecording(false)}
        onDone={() => {
          setRecording(false);
          state.reload();
        }}
      >
        {(form) => (
          <>
            <Form.Item name="candidateId" label={t('decisions.recipient')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={decision.recipients.map((x) => ({ value: x.candidateId, label: x.name }))} />
            </Form.Item>
            <Form.Item name="item" label={t('amendments.item')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={RECOVERY_ITEMS.map((i) => ({ value: i.code, label: words(i) }))} onChange={() => form.validateFields(['quantity', 'amount']).catch(() => undefined)} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.item !== b.item}>
              {() =>
                form.getFieldValue('item') === 'REWARD_MONEY' ? (
                  <Form.Item name="amount" label={t('amendments.amount')}>
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} addonAfter="đồng" />
                  </Form.Item>
                ) : (
                  <Form.Item name="quantity" label={t('amendments.quantity')}>
                    <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item name="recoveredOn" label={t('amendments.recoveredOn')} rules={[{ required: true, type: 'object', message: t('validation.required') }]}>
              <DatePicker format="DD/MM/YYYY" placeholder={t('form.datePlaceholder')} />
            </Form.Item>
            <Form.Item name="document" label={t('amendments.document')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="note" label={t('amendments.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </FormDialog>
    </div>
  );
}
