/** The "not for your role" result with Ant Design's 403 drawing; RequireRole fetches it only when someone meets it. */
import { Result } from 'antd';

export function Forbidden({ text }: { text: string }) {
  return <Result status="403" subTitle={text} />;
}
