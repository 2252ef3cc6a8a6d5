import pino, { type Logger } from "pino";

/**
 * JSON logs. Personal data never goes in: these paths are removed from any object logged,
 * and request logs carry the method, route, status, duration and ids only.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "vigil" },
    redact: {
      paths: ["password", "*.password", "email", "*.email", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie", "req.headers"],
      remove: true,
    },
  });
}
