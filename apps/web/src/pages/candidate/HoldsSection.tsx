/**
 * Holds (tạm dừng xét, Nghị định 152/2025/NĐ-CP Điều 4.4): the banner that says a candidate is on hold and why, the
 * history of its holds with the documents they rest on, and the forms that place one (unit heads of its unit and
 * the council's secretariat) and lift one with its conclusion (the secretariat only). Both are statechart events
 * (PLACE_HOLD, LIFT_HOLD): the buttons follow the events the API says are allowed now.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { HOLD_KINDS, maySend, type CandidateEventType } from '#workflow';
import type { Role } from '#domain';
import type { HoldDocumentView, HoldView, PeopleNames } from '#contracts';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePersonName } from '../../components/RecordContent';
import { useLabels } from '../../domain/labels';
import { EVIDENCE_ACCEPT } from '../../lib/evidence';
import { useFormat } from '../../lib/format';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';

const holdDocumentUrl = (candidateId: string, holdId: string, of: 'hold' | 'lift') => `/api/candidates/${candidateId}/holds/${holdId}/${of === 'hold' ? 'document' : 'lift-document'}`;

function DocumentLine({ doc, href }: { doc: HoldDocumentView; href: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <span>
      {t('holds.documentLine', { number: doc.number, date: format.date(doc.date), issuer: doc.issuer })}
      {doc.file && (
        <>
          {' · '}
          <a href={href} download={doc.file.fileName} aria-label={t('evidence.download', { name: doc.file.fileName })}>
            <DownloadOutlined aria-hidden /> {doc.file.fileName}
          </a>
        </>
      )}
    </span>
  );
}

/** "Đang tạm dừng xét": shown at the top of the candidate page while any hold is open, with each one's grounds. */
export function HoldBanner({ candidateId, holds }: { candidateId: string; holds: HoldView[] }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const open = holds.filter((h) => !h.lifted);
  if (open.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      icon={<PauseCircleOutlined />}
      role="status"
      style={{ marginBottom: 16 }}
      data-testid="hold-banner"
      title={t('holds.banner', { count: open.length })}
      description={
        <>
          <ul className="plain-list">
            {open.map((h) => (
              <li key={h.id}>
                <strong>{words(h.kindLabel)}</strong>: {h.grounds}
                <br />
                <Typography.Text type="secondary">
                  <DocumentLine doc={h.document} href={holdDocumentUrl(candidateId, h.id, 'hold')} />
                </Typography.Text>
              </li>
            ))}
          </ul>
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t('holds.bannerEffect')}</Typography.Paragraph>
        </>
      }
    />
  );
}

type FormValues = {
  kind?: string;
  grounds?: string;
  conclusion?: string;
  documentNumber?: string;
  documentDate?: Dayjs;
  documentIssuer?: string;
  file?: UploadFile[];
};

/** The form of placing (no `hold`) or lifting (`hold`) a hold, with the document and its optional file. */
function HoldDialog({ candidateId, version, hold, open, onClose, onDone }: { candidateId: string; version: number; hold: HoldView | null; open: boolean; onClose(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { words } = useLabels();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GeneralError | null>(null);
  const lifting = hold !== null;

  const submit = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    const body = new FormData();
    if (lifting) body.append('conclusion', values.conclusion!.trim());
    else {
      body.append('kind', values.kind!);
      body.append('grounds', values.grounds!.trim());
    }
    body.append('documentNumber', values.documentNumber!.trim());
    body.append('documentDate', values.documentDate!.format('YYYY-MM-DD'));
    body.append('documentIssuer', values.documentIssuer!.trim());
    const file = values.file?.[0]?.originFileObj;
    if (file) body.append('file', file, file.name);
    try {
      if (lifting) await api.upload('/api/candidates/{id}/holds/{holdId}/lift', body, { path: { id: candidateId, holdId: hold.id }, query: { expectedVersion: version } });
      else await api.upload('/api/candidates/{id}/holds', body, { path: { id: candidateId }, query: { expectedVersion: version } });
      setBusy(false);
      form.resetFields();
      onDone();
    } catch (e) {
      setBusy(false);
      setError(applyServerErrors(form, e, t, i18n.language, { known: ['kind', 'grounds', 'conclusion', 'documentNumber', 'documentDate', 'documentIssuer', 'file'] }));
    }
  };

  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Modal
      open={open}
      title={lifting ? t('holds.liftTitle') : t('holds.placeTitle')}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      width={680}
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" danger={!lifting} loading={busy} onClick={() => form.submit()} data-testid="hold-submit">
          {lifting ? t('holds.lift') : t('holds.place')}
        </Button>,
      ]}
    >
      <p>{lifting ? t('holds.liftIntro', { grounds: hold.grounds }) : t('holds.placeIntro')}</p>
      <ErrorAlert error={error} />
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} disabled={busy} name={lifting ? 'lift-hold' : 'place-hold'} initialValues={{ documentDate: dayjs() }}>
        {lifting ? (
          <Form.Item name="conclusion" label={t('holds.conclusion')} rules={[...required, { max: 4000, message: t('validation.max', { count: 4000 }) }]}>
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="kind" label={t('holds.kind')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={HOLD_KINDS.map((k) => ({ value: k.code, label: words(k) }))} placeholder={t('eventFields.selectPlaceholder')} />
            </Form.Item>
            <Form.Item name="grounds" label={t('holds.grounds')} rules={[...required, { max: 4000, message: t('validation.max', { count: 4000 }) }]}>
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
          </>
        )}
        <Form.Item name="documentNumber" label={t('holds.documentNumber')} rules={[...required, { max: 200, message: t('validation.max', { count: 200 }) }]}>
          <Input maxLength={200} placeholder="125/TTr-NV" />
        </Form.Item>
        <Form.Item name="documentDate" label={t('holds.documentDate')} rules={[{ required: true, type: 'object', message: t('validation.required') }]}>
          <DatePicker format="DD/MM/YYYY" placeholder={t('form.datePlaceholder')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="documentIssuer" label={t('holds.documentIssuer')} rules={[...required, { max: 500, message: t('validation.max', { count: 500 }) }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="file" label={t('holds.file')} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}>
          <Upload.Dragger accept={EVIDENCE_ACCEPT} maxCount={1} beforeUpload={() => false} aria-label={t('holds.file')}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('evidence.dropHere')}</p>
            <p className="ant-upload-hint">{t('evidence.accepted')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The holds of a candidate, open and lifted, with the forms the reader's role may use now. */
export function HoldsSection({
  candidateId,
  version,
  holds,
  allowed,
  role,
  people,
  onChanged,
}: {
  candidateId: string;
  version: number;
  holds: HoldView[];
  allowed: CandidateEventType[];
  role: Role | undefined;
  /** Who placed and lifted each hold, by name (the candidate's history names them: holds are its events). */
  people: PeopleNames | undefined;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const { words } = useLabels();
  const format = useFormat();
  const [dialog, setDialog] = useState<{ hold: HoldView | null } | null>(null);
  const mayPlace = allowed.includes('PLACE_HOLD') && maySend(role, 'PLACE_HOLD');
  const mayLift = allowed.includes('LIFT_HOLD') && maySend(role, 'LIFT_HOLD');
  return (
    <Card
      title={<h2 className="card-heading">{t('holds.title', { count: holds.length })}</h2>}
      data-testid="holds"
      extra={
        mayPlace ? (
          <Button danger icon={<PauseCircleOutlined />} onClick={() => setDialog({ hold: null })} data-testid="place-hold">
            {t('holds.place')}
          </Button>
        ) : undefined
      }
    >
      <Typography.Paragraph type="secondary">{t('holds.lawNote')}</Typography.Paragraph>
      <Table<HoldView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={holds}
        locale={{ emptyText: t('holds.none') }}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t('holds.kind'),
            dataIndex: 'kind',
            width: 200,
            render: (_: string, h) => (
              <>
                {h.lifted ? <Tag color="default">{t('holds.lifted')}</Tag> : <Tag color="red">{t('holds.open')}</Tag>}
                <div>{words(h.kindLabel)}</div>
              </>
            ),
          },
          {
            title: t('holds.groundsAndDocument'),
            dataIndex: 'grounds',
            render: (_: string, h) => (
              <>
                <div className="pre-wrap">{h.grounds}</div>
                <Typography.Text type="secondary">
                  <DocumentLine doc={h.document} href={holdDocumentUrl(candidateId, h.id, 'hold')} />
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t('holds.placedBy', { by: personName(people, h.placedBy), at: format.dateTime(h.placedAt) })}</Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: t('holds.conclusion'),
            dataIndex: 'lifted',
            render: (_: unknown, h) =>
              h.lifted ? (
                <>
                  <div className="pre-wrap">{h.lifted.conclusion}</div>
                  <Typography.Text type="secondary">
                    <DocumentLine doc={h.lifted.document} href={holdDocumentUrl(candidateId, h.id, 'lift')} />
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{t('holds.liftedBy', { by: personName(people, h.lifted.liftedBy), at: format.dateTime(h.lifted.liftedAt) })}</Typography.Text>
                  </div>
                </>
              ) : mayLift ? (
                <Button icon={<PlayCircleOutlined />} onClick={() => setDialog({ hold: h })} data-testid="lift-hold">
                  {t('holds.lift')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('holds.awaitingConclusion')}</Typography.Text>
              ),
          },
        ]}
      />
      <HoldDialog
        candidateId={candidateId}
        version={version}
        hold={dialog?.hold ?? null}
        open={dialog !== null}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          onChanged();
        }}
      />
    </Card>
  );
}
