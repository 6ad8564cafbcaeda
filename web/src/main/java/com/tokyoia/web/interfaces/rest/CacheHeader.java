package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.Cached;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Reports in X-Cache whether a read was served by Redis (HIT) or PostgreSQL (MISS). */
final class CacheHeader {
    private CacheHeader() {
    }

    static Response ok(Cached<?> result) {
        return Response.ok(result.json(), MediaType.APPLICATION_JSON_TYPE).header("X-Cache", result.hit() ? "HIT" : "MISS").build();
    }
}
