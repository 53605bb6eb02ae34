/** One-line JSON logs on stdout/stderr. LOG_LEVEL=silent turns them off (tests). */
type Level = 'info' | 'warn' | 'error';

function write(level: Level, msg: string, data?: Record<string, unknown>) {
	if (process.env.LOG_LEVEL === 'silent') return;
	const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...data });
	if (level === 'info') console.log(line);
	else console.error(line);
}

export const log = {
	info: (msg: string, data?: Record<string, unknown>) => write('info', msg, data),
	warn: (msg: string, data?: Record<string, unknown>) => write('warn', msg, data),
	error: (msg: string, data?: Record<string, unknown>) => write('error', msg, data)
};
