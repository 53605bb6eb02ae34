export * from './network';
export * from './auth';
export * from './mail';
export * from './discussions';
export * from './mentoring';
export * from './training';
export * from './succession';
export * from './digests';
