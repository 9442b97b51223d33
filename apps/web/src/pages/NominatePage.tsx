/** A unit head records a newly discovered candidate, with its evidence files. */
import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Radio, Select, Space, TreeSelect, Upload, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DiscoveryChannel, Field, SubjectKind } from '#domain';
import type { EarlierRecognition, NominatedCandidate } from '#contracts';
import { api, ApiError } from '../api/client';
import { ROUTES } from '../app/routes';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert, LoadError } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { useLabels } from '../domain/labels';
import { EVIDENCE_ACCEPT, uploadEvidence } from '../lib/evidence';
import { applyServerErrors, describeError, type GeneralError } from '../lib/serverErrors';
import { useAsync } from '../lib/useAsync';
import { findUnit, loadUnitTree, toTreeData } from '../lib/units';
import { RepeatRecognitionNotice } from './candidate/RepeatRecognitionNotice';

interface NominateForm {
  kind: SubjectKind;
  name: string;
  unitId: string;
  field: Field;
  year: number;
  discoveryChannel: DiscoveryChannel;
  achievement: string;
  /** Share of women, percent: preference among equals (NĐ 152/2025 Điều 4.6). */
  womenSharePercent?: number;
  /** Running movements the candidate leads: linked once it is recorded. */
  movementIds?: string[];
  /** Asked for once the API says the subject was already recognised for the same year or achievement. */
  repeatJustification?: string;
  files: UploadFile[];
}

export interface NominatedState {
  nominated: true;
  uploadFailures: { fileName: string; message: string }[];
}

const FIELDS = ['kind', 'name', 'unitId', 'field', 'year', 'discoveryChannel', 'achievement', 'womenSharePercent', 'movementIds', 'repeatJustification', 'files'];

export function NominatePage() {
  const { t, i18n } = useTranslation();
  const { options } = useLabels();
  const { account } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<NominateForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  // One achievement, one recognition (Luật 2022 Điều 5): the earlier recognitions the API named, once it did.
  const [repeated, setRepeated] = useState<EarlierRecognition[] | null>(null);
  const units = useAsync((signal) => loadUnitTree(signal), []);
  const movements = useAsync((signal) => api.get('/api/movements', { query: { status: 'RUNNING', pageSize: 100 }, signal }), []);
  // A unit head nominates in their own unit and the units below it.
  const treeData = useMemo(() => {
    if (!units.data) return [];
    const own = findUnit(units.data, account?.unitId);
    return toTreeData(own ? [own] : []);
  }, [units.data, account?.unitId]);

  const submit = async (values: NominateForm) => {
    setBusy(true);
    setError(null);
    let created: NominatedCandidate;
    try {
      const { files: _files, movementIds: _movements, ...body } = values;
      created = await api.post('/api/candidates', body);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REPEAT_RECOGNITION_JUSTIFICATION_REQUIRED') {
        setRepeated(((e.body as { earlier?: EarlierRecognition[] } | undefined)?.earlier ?? []) as EarlierRecognition[]);
      }
      setError(applyServerErrors(form, e, t, i18n.language, { known: FIELDS }));
      setBusy(false);
      return;
    }
    const uploadFailures: NominatedState['uploadFailures'] = [];
    for (const movementId of values.movementIds ?? []) {
      try {
        await api.post('/api/candidates/{id}/movements', { movementId }, { path: { id: created.id } });
      } catch (e) {
        const name = movements.data?.items.find((m) => m.id === movementId)?.name ?? movementId;
        uploadFailures.push({ fileName: name, message: e instanceof ApiError ? describeError(e, t, i18n.language).message : t('errors.unexpected') });
      }
    }
    for (const file of values.files ?? []) {
      if (!file.originFileObj) continue;
      try {
        await uploadEvidence(created.id, file.originFileObj);
      } catch (e) {
        const words = e instanceof ApiError ? describeError(e, t, i18n.language).message : t('errors.unexpected');
        uploadFailures.push({ fileName: file.name, message: words });
      }
    }
    navigate(ROUTES.candidate(created.id), { state: { nominated: true, uploadFailures } satisfies NominatedState });
  };

  return (
    <Page title={t('nominate.title')} subtitle={t('nominate.subtitle')}>
      {units.error ? <LoadError error={units.error} onRetry={units.reload} /> : null}
      <Card style={{ maxWidth: 860 }}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Form<NominateForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={busy}
          initialValues={{ kind: 'COLLECTIVE', year: new Date().getFullYear(), unitId: account?.unitId ?? undefined, files: [] }}
          scrollToFirstError={{ block: 'center', focus: true }}
        >
          <Form.Item label={t('candidate.kind')} name="kind" rules={[{ required: true, message: t('validation.required') }]}>
            <Radio.Group options={options('kind')} optionType="button" buttonStyle="solid" />
          </Form.Item>
          <Form.Item label={t('candidate.name')} name="name" extra={t('nominate.nameHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.max', { count: 300 }) }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Space wrap size={[24, 0]} style={{ width: '100%' }} align="start">
            <Form.Item label={t('candidate.unit')} name="unitId" rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: 'min(360px, 100%)' }}>
              <TreeSelect treeData={treeData} treeDefaultExpandAll loading={units.loading} showSearch={{ treeNodeFilterProp: 'title' }} placeholder={t('nominate.chooseUnit')} />
            </Form.Item>
            <Form.Item label={t('candidate.year')} name="year" rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={2000} max={2100} style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item label={t('candidate.field')} name="field" rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={options('field')} placeholder={t('common.choose')} />
          </Form.Item>
          <Form.Item label={t('candidate.discoveryChannel')} name="discoveryChannel" rules={[{ required: true, message: t('validation.required') }]}>
            <Radio.Group options={options('channel')} className="radio-column" />
          </Form.Item>
          <Form.Item label={t('candidate.achievement')} name="achievement" extra={t('nominate.achievementHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={5} maxLength={10000} showCount />
          </Form.Item>
          <Form.Item label={t('nominate.movements')} name="movementIds" extra={t('nominate.movementsHint')}>
            <Select mode="multiple" allowClear options={(movements.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} notFoundContent={t('nominate.noRunningMovements')} />
          </Form.Item>
          <Form.Item label={t('candidate.womenSharePercent')} name="womenSharePercent" extra={t('nominate.womenShareHint')}>
            <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: 160 }} />
          </Form.Item>
          {repeated && (
            <>
              <RepeatRecognitionNotice repeat={{ earlier: repeated, justification: null }} style={{ marginBottom: 16 }} />
              <Form.Item
                label={t('repeat.justificationLabel')}
                name="repeatJustification"
                rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 4000, message: t('validation.max', { count: 4000 }) }]}
              >
                <Input.TextArea rows={3} maxLength={4000} showCount />
              </Form.Item>
            </>
          )}
          <Form.Item
            label={t('evidence.files')}
            name="files"
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          >
            <Upload.Dragger multiple accept={EVIDENCE_ACCEPT} beforeUpload={() => false} aria-label={t('evidence.choose')}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p className="ant-upload-text">{t('evidence.dropHere')}</p>
              <p className="ant-upload-hint">{t('evidence.accepted')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('nominate.submit')}
            </Button>
            <Button onClick={() => navigate(-1)} disabled={busy}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </Page>
  );
}
