export { startTestIdentityProvider, type TestIdentityProvider, type TestAccount, type TestClient } from './provider.js';
