export {
  parsePayloadKeys,
  PayloadKeyError,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  CIPHER_METADATA,
  CIPHER_NAME,
  COMPRESSION_METADATA,
  type PayloadKey,
} from './payload-keys.js';
