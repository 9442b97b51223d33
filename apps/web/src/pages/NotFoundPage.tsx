import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page } from '../components/Page';
import { ROUTES } from '../app/routes';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Page title={t('notFound.title')}>
      <Result
        status="404"
        subTitle={t('notFound.text')}
        extra={
          <Button type="primary" onClick={() => navigate(ROUTES.tasks)}>
            {t('notFound.home')}
          </Button>
        }
      />
    </Page>
  );
}
