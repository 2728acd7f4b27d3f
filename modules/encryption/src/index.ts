export * from './key-purposes';
export * from './key-policy';
export * from './grants';
export * from './key-base';
export * from './data-class-key';
export * from './data-class-keys';
export * from './imported-key';
export * from './binding';
