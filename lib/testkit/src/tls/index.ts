export { createTestCa, type TestCa } from './test-ca.js';
