// The one error hierarchy: every failure a user can meet has a status, a stable code and,
// below 500, a message safe to show. functions/http/errors.ts maps these to HTTP in one place.
export type FieldError = {
  /** Dotted path of the field, e.g. `topic-scores.wg1-future-of-work` or `activity-proposals.0.title`. */
  path: string;
  /** Stable code the templates translate, e.g. `required`, `too_long`. */
  code: string;
  params?: Record<string, string | number>;
};

export class ConsultaError extends Error {
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
    expose = status < 500,
  ) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.expose = expose;
    this.details = details;
  }
}

export class BadRequest extends ConsultaError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(400, code, message, details);
  }
}
export class Unauthorized extends ConsultaError {
  constructor(message = "Authentication required") {
    super(401, "unauthorized", message);
  }
}
export class NotFound extends ConsultaError {
  constructor(code: string, message: string) {
    super(404, code, message);
  }
}
export class MethodNotAllowed extends ConsultaError {
  constructor() {
    super(405, "method_not_allowed", "Method not allowed");
  }
}
/** The thing existed but is no longer usable: a replaced link, a closed campaign. */
export class Gone extends ConsultaError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(410, code, message, details);
  }
}
export class Conflict extends ConsultaError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(409, code, message, details);
  }
}
/** Too many of something in too short a time, or in all: the details say which limit. */
export class TooManyRequests extends ConsultaError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(429, code, message, details);
  }
}
export class NotYetOpen extends ConsultaError {
  constructor(details?: Record<string, unknown>) {
    super(403, "campaign_not_open", "The consultation is not open yet", details);
  }
}
export class PayloadTooLarge extends ConsultaError {
  constructor(limit: number) {
    super(413, "payload_too_large", `The request body is larger than ${limit} bytes`, { limit });
  }
}
export class UnsupportedMediaType extends ConsultaError {
  constructor(expected: string) {
    super(415, "unsupported_media_type", `Expected ${expected}`);
  }
}
export class ValidationFailed extends ConsultaError {
  readonly fieldErrors: FieldError[];
  constructor(fieldErrors: FieldError[], details?: Record<string, unknown>) {
    super(422, "validation_failed", "Some answers need attention", details);
    this.fieldErrors = fieldErrors;
  }
}
/** AWS said "slow down" or failed after retries: the user should try again, their text kept. */
export class TryAgain extends ConsultaError {
  constructor(message = "The service is busy; please try again") {
    super(503, "try_again", message, {}, true);
  }
}
export class Forbidden extends ConsultaError {
  constructor(code: string, message: string) {
    super(403, code, message);
  }
}
