export type * from './types.js';
export { buildPacket } from './build-packet.js';
export { TOPIC_LABELS } from './topic-rows.js';
