/**
 * The session's dossier for the secretariat (NĐ 152/2025 appendix forms): the submission memo (tờ trình), the list of
 * candidates reviewed and the public-notice list, each as PDF or as DOCX to finish in Word.
 */
import { Button, Card, Space, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const DOCUMENTS = ['to-trinh', 'danh-sach', 'danh-sach-cong-khai'] as const;

export function DossierPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  return (
    <Card title={t('dossier.session.title')} size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('dossier.session.hint')}</Typography.Paragraph>
      {DOCUMENTS.map((d) => (
        <div key={d} style={{ marginBottom: 8 }}>
          <Typography.Text strong style={{ display: 'block' }}>
            {t(`dossier.session.${d}`)}
          </Typography.Text>
          <Space wrap>
            <Button size="small" icon={<FilePdfOutlined />} href={`/api/review-sessions/${sessionId}/dossier/${d}/pdf`} target="_blank" rel="noopener">
              {t('dossier.pdf')}
            </Button>
            <Button size="small" icon={<FileWordOutlined />} href={`/api/review-sessions/${sessionId}/dossier/${d}/docx`}>
              {t('dossier.docx')}
            </Button>
          </Space>
        </div>
      ))}
    </Card>
  );
}
