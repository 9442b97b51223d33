import { Alert, Button } from "antd";
import { useTranslation } from 'react-i18next';
import type { GeneralError } from '../lib/serverErrors';
import { describeError } from '../lib/serverErrors';

/** A failure above a form or a page, announced to screen readers (role="alert"). */
export function ErrorAlert({ error, onClose }: { error: GeneralError | null | undefined; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const description =
    error.details.length > 0 || error.correlationId ? (
      <>
        {error.details.length > 0 && (
          <ul className="error-details">
            {error.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
        {error.correlationId && <div>{t('errors.reference', { id: error.correlationId })}</div>}
      </>
    ) : undefined;
  return <Alert type="error" showIcon role="alert" title={error.message} description={description} closable={onClose ? { onClose } : undefined} style={{ marginBottom: 16 }} />;
}

/** A page that could not load its data. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const described = describeError(error, t, i18n.language);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={described.message}
      description={described.correlationId ? t('errors.reference', { id: described.correlationId }) : undefined}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t("common.retry")}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
