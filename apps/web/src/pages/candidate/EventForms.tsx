/**
 * One form per statechart event, shaped like the payload the API validates for it
 * (apps/api/src/transitions/dto/event-payloads.ts). The server's field errors land next to the fields.
 */
import { CountInput } from '../../components/CountInput';
import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Switch, TreeSelect, Upload, type FormItemProps, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { HONOURING_FORMS, type Labelled } from '#domain';
import { ADOPTION_STAGES, COUNCIL_DECISION_EVENTS, type CandidateEventType } from '#workflow';
import type { CandidateView, NurturingPlanView, RepeatRecognition, TransitionResult } from '#contracts';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLabels } from '../../domain/labels';
import { EVIDENCE_ACCEPT, uploadEvidence } from '../../lib/evidence';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { RepeatRecognitionNotice } from './RepeatRecognitionNotice';
import { loadUnitTree, toTreeData, type UnitOption } from '../../lib/units';

/**
 * One field of an event's payload. `name` is the payload's key; the label is `eventFields.<label ?? name>`
 * (the same key can mean different things in different events: the date of a check-in, of an article…).
 */
type FieldSpec = { name: string; label?: string } & (
  | { kind: 'text' | 'textarea'; required: boolean; max: number; url?: boolean }
  | { kind: 'date'; required: boolean }
  /** One code of a catalogue (libs/domain, libs/workflow), shown with its label. */
  | { kind: 'select'; required: boolean; options: readonly Labelled[] }
  | { kind: 'number'; required: boolean; min: number; max: number }
  /** A yes/no the payload always carries. */
  | { kind: 'switch' }
  /** A unit of the province's tree (GET /api/units); never the candidate's own unit. */
  | { kind: 'unit'; required: boolean }
);

const PLAN: FieldSpec[] = [
  { name: 'goals', kind: 'textarea', required: true, max: 4000 },
  { name: 'supporter', kind: 'text', required: true, max: 500 },
];
const NOTE: FieldSpec[] = [{ name: 'note', kind: 'textarea', required: false, max: 2000 }];
const REASONS: FieldSpec[] = [{ name: 'reasons', kind: 'textarea', required: true, max: 4000 }];

/**
 * The payload fields of the events sent through POST /api/candidates/:id/events. An event of the machine
 * that has no form here yet is not offered as a button (see `hasForm`). The council's decisions (recognise,
 * return, reject, the final recognition) are never sent here: the API refuses them outside a review session,
 * whose page (pages/council) records them from the votes and checklists.
 */
export const EVENT_FORMS: Partial<Record<CandidateEventType, FieldSpec[]>> = {
  START_NURTURING: PLAN,
  REVISE_PLAN: PLAN,
  RESUME_NURTURING: PLAN,
  RECORD_CHECK_IN: [
    { name: 'date', kind: 'date', required: true },
    { name: 'strengths', kind: 'textarea', required: true, max: 4000 },
    { name: 'shortcomings', kind: 'textarea', required: true, max: 4000 },
  ],
  // The justification is shown, and required, only when the subject was already recognised (see EventDialog).
  PROPOSE_FOR_REVIEW: [...NOTE, { name: 'repeatJustification', kind: 'textarea', required: false, max: 4000 }],
  START_REPLICATION: NOTE,
  END_REPLICATION: REASONS,
  WITHDRAW: [{ name: 'reason', kind: 'textarea', required: true, max: 2000 }],
  RECORD_HONOURING: [
    { name: 'form', label: 'honouringForm', kind: 'select', required: true, options: HONOURING_FORMS },
    { name: 'date', label: 'honouredOn', kind: 'date', required: true },
    { name: 'outlet', kind: 'text', required: true, max: 500 },
    { name: 'title', kind: 'text', required: true, max: 1000 },
    { name: 'link', kind: 'text', required: false, max: 2000, url: true },
    { name: 'reach', kind: 'number', required: false, min: 0, max: 2_000_000_000 },
  ],
  RECORD_ADOPTION: [
    { name: 'adoptingUnitId', kind: 'unit', required: true },
    { name: 'stage', label: 'adoptionStage', kind: 'select', required: true, options: ADOPTION_STAGES },
    { name: 'date', label: 'adoptedOn', kind: 'date', required: true },
    { name: 'description', kind: 'textarea', required: true, max: 4000 },
  ],
  RECORD_FOLLOW_UP: [
    { name: 'year', label: 'followUpYear', kind: 'number', required: true, min: 2000, max: 2100 },
    { name: 'date', label: 'followedOn', kind: 'date', required: true },
    { name: 'holdsUp', kind: 'switch' },
    { name: 'findings', kind: 'textarea', required: true, max: 4000 },
  ],
};

/** The events that add to the replication ledger (pages/candidate/ReplicationSection). */
export const REPLICATION_EVENTS = ['RECORD_HONOURING', 'RECORD_ADOPTION', 'RECORD_FOLLOW_UP'] as const satisfies readonly CandidateEventType[];

export const hasForm = (type: CandidateEventType) => !COUNCIL_DECISION_EVENTS.has(type) && (type === 'ATTACH_EVIDENCE' || EVENT_FORMS[type] !== undefined);

/** Events that close a road for good get a red button and a warning. */
export const DANGEROUS: CandidateEventType[] = ['WITHDRAW', 'END_REPLICATION'];

type Values = Record<string, string | number | boolean | Dayjs | UploadFile[] | null | undefined>;

function toPayload(specs: FieldSpec[], values: Values): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    if (spec.kind === 'date') payload[spec.name] = value ? (value as Dayjs).format('YYYY-MM-DD') : undefined;
    else if (spec.kind === 'switch') payload[spec.name] = value === true;
    else if (spec.kind === 'number') payload[spec.name] = typeof value === 'number' ? value : undefined;
    else if (typeof value === 'string' && value.trim() !== '') payload[spec.name] = spec.kind === 'select' || spec.kind === 'unit' ? value : value.trim();
    else if (spec.required) payload[spec.name] = value ?? undefined;
  }
  return payload;
}

/** The unit tree with the candidate's own unit (and only it) unselectable. */
function withoutUnit(options: UnitOption[], unitId: string): (UnitOption & { disabled?: boolean })[] {
  return options.map((o) => ({ ...o, disabled: o.value === unitId ? true : undefined, children: withoutUnit(o.children, unitId) }));
}

function UnitPicker({ ownUnitId, id, value, onChange }: { ownUnitId: string; id?: string; value?: string; onChange?(value: string): void }) {
  const { t } = useTranslation();
  const units = useAsync((signal) => loadUnitTree(signal), []);
  const treeData = units.data ? withoutUnit(toTreeData(units.data), ownUnitId) : [];
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={units.loading}
      placeholder={t('eventFields.unitPlaceholder')}
      notFoundContent={units.error ? t('errors.network') : undefined}
    />
  );
}

type Rule = NonNullable<FormItemProps['rules']>[number];

function rulesFor(spec: FieldSpec, t: TFunction): Rule[] {
  const required = t('validation.required');
  switch (spec.kind) {
    case 'switch':
      return [];
    case 'date':
      // A date picker's value is a Dayjs object (async-validator takes any rule without a type for a string rule).
      return spec.required ? [{ required: true, type: 'object', message: required }] : [];
    case 'number':
      return [
        ...(spec.required ? [{ required: true, message: required }] : []),
        { type: 'integer', min: spec.min, max: spec.max, message: t('validation.between', { min: spec.min, max: spec.max }) },
      ];
    case 'select':
    case 'unit':
      return spec.required ? [{ required: true, message: required }] : [];
    default:
      return [
        ...(spec.required ? [{ required: true, whitespace: true, message: required }] : []),
        { max: spec.max, message: t('validation.max', { count: spec.max }) },
        ...(spec.url ? [{ type: 'url' as const, message: t('validation.url') }] : []),
      ];
  }
}

function FieldInput({ spec, ownUnitId }: { spec: FieldSpec; ownUnitId: string }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const key = spec.label ?? spec.name;
  const input = (() => {
    switch (spec.kind) {
      case 'date':
        return <DatePicker format="DD/MM/YYYY" placeholder={t('form.datePlaceholder')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 200 }} />;
      case 'textarea':
        return <Input.TextArea rows={spec.max > 2000 ? 4 : 3} maxLength={spec.max} showCount />;
      case 'select':
        return <Select options={spec.options.map((o) => ({ value: o.code, label: words(o) }))} showSearch={{ optionFilterProp: 'label' }} placeholder={t('eventFields.selectPlaceholder')} />;
      case 'number':
        return <CountInput min={spec.min} max={spec.max} style={{ width: 200 }} />;
      case 'switch':
        return <Switch checkedChildren={t('eventFields.yes')} unCheckedChildren={t('eventFields.no')} />;
      case 'unit':
        return <UnitPicker ownUnitId={ownUnitId} />;
      default:
        return <Input maxLength={spec.max} inputMode={spec.url ? 'url' : undefined} />;
    }
  })();
  return (
    <Form.Item
      name={spec.name}
      label={t(`eventFields.${key}`)}
      rules={rulesFor(spec, t)}
      valuePropName={spec.kind === 'switch' ? 'checked' : 'value'}
      extra={t(`eventFields.hint.${key}`, { defaultValue: '' }) || undefined}
    >
      {input}
    </Form.Item>
  );
}

export interface EventDialogProps {
  /** With what it repeats (one achievement, one recognition), when known: the proposal then asks for a justification. */
  candidate: CandidateView & { repeatRecognition?: RepeatRecognition };
  event: CandidateEventType | null;
  currentPlan: NurturingPlanView | null;
  onClose(): void;
  /** Called after the server accepted the event. */
  onDone(event: CandidateEventType, result: TransitionResult): void;
  /** The candidate changed under the reader: reload before trying again. */
  onStale(): void;
}

export function EventDialog({ candidate, event, currentPlan, onClose, onDone, onStale }: EventDialogProps) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const repeats = event === 'PROPOSE_FOR_REVIEW' && (candidate.repeatRecognition?.earlier.length ?? 0) > 0;
  const specs = ((event && event !== 'ATTACH_EVIDENCE' ? EVENT_FORMS[event] : undefined) ?? [])
    .filter((s) => s.name !== 'repeatJustification' || repeats)
    .map((s) => (s.name === 'repeatJustification' ? { ...s, required: true } : s));

  useEffect(() => {
    if (!event) return;
    setError(null);
    setStale(false);
    form.resetFields();
    const initial: Values = {};
    if (event === 'RECORD_CHECK_IN' || event === 'RECORD_HONOURING' || event === 'RECORD_ADOPTION' || event === 'RECORD_FOLLOW_UP') initial.date = dayjs();
    if (event === 'RECORD_FOLLOW_UP') {
      initial.year = dayjs().year();
      initial.holdsUp = true;
    }
    if ((event === 'REVISE_PLAN' || event === 'RESUME_NURTURING') && currentPlan) {
      initial.goals = currentPlan.goals;
      initial.supporter = currentPlan.supporter;
    }
    form.setFieldsValue(initial);
  }, [event, currentPlan, form]);

  const submit = async (values: Values) => {
    if (!event) return;
    setBusy(true);
    setError(null);
    let uploaded = 0;
    try {
      let result: TransitionResult;
      if (event === 'ATTACH_EVIDENCE') {
        const files = (values.files as UploadFile[] | undefined) ?? [];
        let version = candidate.version;
        let last: TransitionResult | undefined;
        for (const file of files) {
          last = await uploadEvidence(candidate.id, file.originFileObj as File, version);
          version = last.version;
          uploaded += 1;
        }
        result = last!;
      } else {
        result = await api.post(
          '/api/candidates/{id}/events',
          { type: event, expectedVersion: candidate.version, payload: toPayload(specs, values) },
          { path: { id: candidate.id } },
        );
      }
      setBusy(false);
      onDone(event, result);
    } catch (e) {
      setBusy(false);
      const known = event === 'ATTACH_EVIDENCE' ? ['files'] : specs.map((s) => s.name);
      setError(applyServerErrors(form, e, t, i18n.language, { prefix: 'payload.', rename: { file: 'files' }, known }));
      const code = (e as { code?: string }).code;
      // Something changed on the server (or some files were stored before one failed): reload first.
      if (code === 'STALE_VERSION' || code === 'EVENT_NOT_ALLOWED' || uploaded > 0) setStale(true);
    }
  };

  const title = event ? label('event', event) : '';
  const danger = event ? DANGEROUS.includes(event) : false;
  return (
    <Modal
      open={event !== null}
      title={title}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      width={680}
      maskClosable={false}
      footer={
        stale
          ? [
              <Button key="reload" type="primary" onClick={onStale}>
                {t('actions.reload')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose} disabled={busy}>
                {t('common.cancel')}
              </Button>,
              <Button key="submit" type="primary" danger={danger} loading={busy} onClick={() => form.submit()} data-testid="event-submit">
                {t('actions.confirm', { action: title })}
              </Button>,
            ]
      }
    >
      <p>{t(`eventFields.intro.${event ?? 'none'}`, { name: candidate.name, defaultValue: '' })}</p>
      {danger && <Alert type="warning" showIcon title={t('actions.final')} style={{ marginBottom: 16 }} />}
      {repeats && candidate.repeatRecognition && <RepeatRecognitionNotice repeat={candidate.repeatRecognition} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={busy || stale} scrollToFirstError={{ block: 'center', focus: true }} name={`event-${event ?? 'none'}`}>
        {event === 'ATTACH_EVIDENCE' ? (
          <Form.Item
            name="files"
            label={t('evidence.files')}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
            rules={[{ required: true, type: 'array', min: 1, message: t('evidence.chooseAtLeastOne') }]}
          >
            <Upload.Dragger multiple accept={EVIDENCE_ACCEPT} beforeUpload={() => false} aria-label={t('evidence.choose')}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p className="ant-upload-text">{t('evidence.dropHere')}</p>
              <p className="ant-upload-hint">{t('evidence.accepted')}</p>
            </Upload.Dragger>
          </Form.Item>
        ) : (
          specs.map((spec) => <FieldInput key={spec.name} spec={spec} ownUnitId={candidate.unitId} />)
        )}
      </Form>
    </Modal>
  );
}
