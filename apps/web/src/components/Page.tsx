import { useEffect, useRef, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The first screen after a load starts at the top of the document (skip link first); later ones move focus. */
let firstScreen = true;

/**
 * A screen's frame: its heading, the browser tab's title, and the screen's main actions. When the reader
 * moves from one screen to another, focus goes to the new heading, so screen readers announce where they are.
 */
export function Page({ title, subtitle, extra, children }: { title: string; subtitle?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section aria-labelledby="page-title">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <div>
          <h1 id="page-title" ref={heading} tabIndex={-1} className="page-title">
            {title}
          </h1>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
        {extra && <Flex gap={8} wrap>{extra}</Flex>}
      </Flex>
      {children}
    </section>
  );
}
