-- A client that retries a write after a timeout (or a 503 while PostgreSQL restarts) sends the same
-- Idempotency-Key header again; the answer to the first attempt is kept here so the retry is stored
-- once and answered the same. A key is the client's (principal, key): two users may pick the same
-- key. The row is written in the same transaction as the write it guards, so either both are kept
-- or neither: a rolled-back attempt leaves no key behind and the retry runs as new. A concurrent
-- retry waits on the primary key until the first attempt commits, then replays its answer.
CREATE TABLE idempotency_keys (
    principal       text        NOT NULL,
    idempotency_key text        NOT NULL,
    operation       text        NOT NULL,
    request_sha256  bytea       NOT NULL,
    status          smallint,
    location        text,
    body            text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);

-- Keys older than tokyoia.api.idempotency-key-hours are removed by the hourly expiry.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
