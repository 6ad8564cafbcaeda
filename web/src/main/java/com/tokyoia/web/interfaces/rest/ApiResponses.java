package com.tokyoia.web.interfaces.rest;

/** The names the OpenAPI annotations share: tags per area, the reusable problem+json responses, media types. */
final class ApiResponses {
    static final String HOT = "hot data";
    static final String ETL = "etl";
    static final String LAKE = "lake";
    static final String ANALYTICS = "analytics";
    static final String COSTS = "costs";
    static final String OPERATIONS = "operations";
    static final String AUDIT = "audit";

    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final String BASIC_AUTH = "basic";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String TOO_MANY = "TooManyRequests";
    static final String BAD_REQUEST = "BadRequest";
    static final String NOT_FOUND = "NotFound";
    static final String CONFLICT = "Conflict";
    static final String TOO_LARGE = "PayloadTooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String ARCHIVED = "ArchivedDays";
    static final String OVER_LIMIT = "OverCostLimit";
    static final String ENGINE_FAILED = "EngineFailed";
    static final String UNAVAILABLE = "DatabaseUnavailable";
    static final String UNEXPECTED = "UnexpectedError";
    static final String KEY_REUSED = "IdempotencyKeyReused";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private ApiResponses() {
    }
}
