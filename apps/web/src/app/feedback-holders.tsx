/**
 * Ant Design's message, notification and modal hooks with their holders, loaded with the first screen that may use
 * them (Feedback.tsx); they answer `App.useApp()` for every screen from then on.
 */
import { Modal, message, notification } from 'antd';
import { feedbackReady } from './Feedback';

export default function FeedbackHolders() {
  const [messageApi, messageHolder] = message.useMessage();
  const [notificationApi, notificationHolder] = notification.useNotification();
  const [modalApi, modalHolder] = Modal.useModal();
  feedbackReady({ message: messageApi, notification: notificationApi, modal: modalApi });
  return (
    <>
      {modalHolder}
      {messageHolder}
      {notificationHolder}
    </>
  );
}
