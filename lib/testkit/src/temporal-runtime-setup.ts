import { DefaultLogger, Runtime } from '@temporalio/worker';

// Once per test process, before any worker or connection exists: keep core and webpack chatter at WARN.
Runtime.install({ logger: new DefaultLogger('WARN') });
