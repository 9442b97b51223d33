/** What stands in for a screen while it, or the signed-in state, is being fetched: a spinner and "Đang tải…". */
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading-screen" role="status" data-testid="loading">
      <Spin size="large" />
      <span>{t('common.loading')}</span>
    </div>
  );
}
