export * from './dot-path.js';
export * from './conditions.js';
export * from './pass-rule.js';
export * from './l1-rule.js';
export * from './l1-compile.js';
export * from './l1-decide.js';
