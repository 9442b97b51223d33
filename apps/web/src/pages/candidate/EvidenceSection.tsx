import { Card, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AuditNames, EvidenceView } from '#contracts';
import { ActorName } from '../../components/RecordContent';
import { evidenceUrl } from '../../lib/evidence';
import { useFormat } from '../../lib/format';

/** The candidate's evidence files; who uploaded each is named by the history's names (never by a login name). */
export function EvidenceSection({ files, names }: { files: EvidenceView[] | undefined; names?: AuditNames }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card title={<h2 className="card-heading">{t('evidence.title', { count: files?.length ?? 0 })}</h2>} data-testid="evidence">
      <Table<EvidenceView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={files ?? []}
        loading={!files}
        locale={{ emptyText: t('evidence.none') }}
        scroll={{ x: 700 }}
        columns={[
          {
            title: t('evidence.fileName'),
            dataIndex: 'fileName',
            render: (name: string, f) => (
              <a href={evidenceUrl(f.candidateId, f.id)} download={name} aria-label={t('evidence.download', { name })}>
                <DownloadOutlined aria-hidden /> {name}
              </a>
            ),
          },
          { title: t('evidence.size'), dataIndex: 'sizeBytes', render: (v: number) => format.bytes(v), width: 100, align: 'right' },
          { title: t('evidence.uploaded'), dataIndex: 'uploadedAt', render: (v: string, f) => <>{format.dateTime(v)}<br /><Typography.Text type="secondary"><ActorName actor={f.uploadedBy} names={names} /></Typography.Text></>, width: 170 },
          {
            title: t('evidence.sha256'),
            dataIndex: 'sha256',
            width: 150,
            render: (v: string) => (
              <Typography.Text code copyable={{ text: v, tooltips: [t('common.copy'), t('common.copied')] }} title={v}>
                {v.slice(0, 10)}…
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
