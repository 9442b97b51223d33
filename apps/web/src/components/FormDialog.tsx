/**
 * A dialog around one form that sends one request: the server's field errors land next to the fields, anything
 * else above the form; the dialog stays open until the server has accepted.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyServerErrors, type GeneralError } from '../lib/serverErrors';
import { ErrorAlert } from './ErrorAlert';

export interface FormDialogProps<V> {
  open: boolean;
  title: string;
  /** Form name: its id in the page (and a handle for tests). */
  name: string;
  okText: string;
  intro?: ReactNode;
  /** A warning that the step cannot be undone. */
  warning?: ReactNode;
  danger?: boolean;
  width?: number;
  initialValues?: Partial<V>;
  /** Field names the server may name (others go above the form). */
  known: string[];
  nested?: boolean;
  submit(values: V): Promise<unknown>;
  onClose(): void;
  onDone(result: unknown, values: V): void;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

export function FormDialog<V extends object>({ open, title, name, okText, intro, warning, danger, width, initialValues, known, nested, submit, onClose, onDone, children }: FormDialogProps<V>) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      maskClosable={false}
      width={width ?? 640}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': `${name}-submit` }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      {intro && <div style={{ marginBottom: 12 }}>{intro}</div>}
      {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={error} />
      <Form<V>
        form={form}
        layout="vertical"
        name={name}
        disabled={busy}
        initialValues={initialValues}
        scrollToFirstError={{ block: 'center', focus: true }}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            const result = await submit(values);
            setBusy(false);
            onDone(result, values);
          } catch (e) {
            setBusy(false);
            setError(applyServerErrors(form, e, t, i18n.language, { known, nested }));
          }
        }}
      >
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
