// Loaded by path (DataConverter.failureConverterPath): by the worker with Node's require and by the
// workflow bundler into the sandbox, which is why this is plain CommonJS with no Node built-ins.
// encodeCommonAttributes moves failure messages and stack traces into an encoded payload, so the
// payload codec encrypts them too — an activity error quoting host output must not sit in history
// in clear.
/* global require, exports */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
