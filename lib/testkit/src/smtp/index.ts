export { startSmtpSink, type SmtpSink, type ReceivedMail } from './smtp-sink.js';
