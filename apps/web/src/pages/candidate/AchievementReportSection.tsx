/**
 * The candidate's achievement report (báo cáo thành tích, NĐ 152/2025 appendix form): pre-filled from the candidate's
 * data, edited by its unit heads or the secretariat as versions (each kept and audited), downloaded as PDF or as DOCX
 * to finish in Word.
 */
import { useState } from 'react';
import { Button, Card, Form, Input, List, Modal, Space, Typography } from 'antd';
import { EditOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '#domain';
import type { AchievementReportContent } from '#contracts';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePersonName } from '../../components/RecordContent';
import { useAsync } from '../../lib/useAsync';
import { useFormat } from '../../lib/format';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';

const SECTIONS = ['profile', 'achievements', 'methods', 'impact', 'earlierAwards'] as const;

export function AchievementReportSection({ candidateId, role }: { candidateId: string; role: Role | undefined }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const personName = usePersonName();
  const report = useAsync((signal) => api.get('/api/candidates/{id}/achievement-report', { path: { id: candidateId }, signal }), [candidateId]);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<GeneralError | null>(null);
  const [form] = Form.useForm<AchievementReportContent & { note?: string }>();
  const editable = role === 'UNIT_HEAD' || role === 'COUNCIL_SECRETARY';
  const data = report.data;
  const base = `/api/candidates/${candidateId}/achievement-report`;

  const save = async () => {
    if (!data) return;
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const { note, ...content } = values;
      await api.post('/api/candidates/{id}/achievement-report', { expectedVersion: data.version, content, ...(note ? { note } : {}) }, { path: { id: candidateId } });
      setEditing(false);
      report.reload();
    } catch (e) {
      setError(applyServerErrors(form, e, t, i18n.language, { known: [...SECTIONS, 'note'] }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('dossier.report.title')} size="small" style={{ marginTop: 16 }}>
      <ErrorAlert error={report.error as GeneralError | undefined} />
      {data && (
        <>
          <Typography.Paragraph type="secondary">
            {data.version === 0 ? t('dossier.report.prefilled') : t('dossier.report.version', { version: data.version, by: personName(data.people, data.writtenBy), at: format.dateTime(data.writtenAt!) })}
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<FilePdfOutlined />} href={`${base}/pdf`} target="_blank" rel="noopener">
              {t('dossier.pdf')}
            </Button>
            <Button icon={<FileWordOutlined />} href={`${base}/docx`}>
              {t('dossier.docx')}
            </Button>
            {editable && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => {
                  form.setFieldsValue({ ...data.content, note: '' });
                  setError(null);
                  setEditing(true);
                }}
              >
                {t('dossier.report.edit')}
              </Button>
            )}
          </Space>
          {data.versions.length > 0 && (
            <List
              size="small"
              style={{ marginTop: 8 }}
              dataSource={[...data.versions].reverse()}
              renderItem={(v) => <List.Item>{t('dossier.report.versionLine', { version: v.version, by: personName(data.people, v.writtenBy), at: format.dateTime(v.writtenAt), note: v.note ?? '' })}</List.Item>}
            />
          )}
        </>
      )}
      <Modal open={editing} title={t('dossier.report.edit')} onCancel={() => setEditing(false)} onOk={save} confirmLoading={saving} okText={t('dossier.report.save')} width={760}>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical">
          {SECTIONS.map((s) => (
            <Form.Item key={s} name={s} label={t(`dossier.report.sections.${s}`)}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} />
            </Form.Item>
          ))}
          <Form.Item name="note" label={t('dossier.report.note')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
