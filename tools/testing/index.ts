export { launchBrowser } from './browser';
export { freePort } from './free-port';
export { E2E_STATE_FILE, startTestPlatform, stateFile, type E2eState, type RunningTestPlatform, type TestPlatformOptions } from './test-platform';
export { ALWAYS_OPEN, publishFlowVariant, setOpeningHours, type FlowDocument } from './flow-variants';
export { zoneWhereHourIs } from './time-zones';
