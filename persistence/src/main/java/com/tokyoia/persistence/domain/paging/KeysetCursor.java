package com.tokyoia.persistence.domain.paging;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Position after the last row of a page, for keyset pagination over (time, id): the next page
 * starts strictly after it, so inserts between requests never shift or repeat rows. Clients treat
 * the encoded form as opaque.
 */
public record KeysetCursor(Instant at, String id) {
    private static final String VERSION = "1";

    public KeysetCursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        String raw = VERSION + "|" + at.getEpochSecond() + "|" + at.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The id part as a UUID, for lists keyed by UUID. */
    public UUID uuidId() {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor does not belong to this list");
        }
    }

    /** The id part as a number, for lists keyed by a sequence. */
    public long longId() {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidCursorException("cursor does not belong to this list");
        }
    }

    private static final long FIRST_SECOND = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    /** Parses a cursor produced by {@link #encode()}; anything else is an {@link InvalidCursorException}. */
    public static KeysetCursor decode(String encoded) {
        if (encoded == null || encoded.isBlank() || encoded.length() > 200) {
            throw new InvalidCursorException("cursor is empty or too long");
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is not base64url");
        }
        String[] parts = raw.split("\\|", 4);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[3].isEmpty()) {
            throw new InvalidCursorException("cursor has an unknown format");
        }
        try {
            long seconds = Long.parseLong(parts[1]);
            int nanos = Integer.parseInt(parts[2]);
            // Only times a list can have produced: four-digit years, which PostgreSQL can compare with.
            if (nanos < 0 || nanos > 999_999_999 || seconds < FIRST_SECOND || seconds > LAST_SECOND) {
                throw new InvalidCursorException("cursor has an invalid time");
            }
            return new KeysetCursor(Instant.ofEpochSecond(seconds, nanos), parts[3]);
        } catch (NumberFormatException | DateTimeException e) {
            throw new InvalidCursorException("cursor has an invalid time");
        }
    }
}
