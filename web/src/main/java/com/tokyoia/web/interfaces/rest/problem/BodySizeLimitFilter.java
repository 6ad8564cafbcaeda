package com.tokyoia.web.interfaces.rest.problem;

import com.tokyoia.web.application.ApiLimits;
import com.tokyoia.web.application.PayloadTooLargeException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over tokyoia.api.max-body-bytes with 413 before they are parsed: at once when
 * Content-Length says so, otherwise (chunked) as soon as the stream passes the limit.
 */
@Provider
@PreMatching
public class BodySizeLimitFilter implements ContainerRequestFilter {
    @Inject
    ApiLimits limits;

    @Override
    public void filter(ContainerRequestContext request) {
        long max = limits.maxBodyBytes();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > max) {
                    request.abortWith(new ProblemMappers.TooLarge().toResponse(tooLarge(max)));
                    return;
                }
            } catch (NumberFormatException ignored) {
                // The container rejects a malformed Content-Length itself.
            }
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream(), max));
    }

    static PayloadTooLargeException tooLarge(long max) {
        return new PayloadTooLargeException("request body is larger than the limit of " + max + " bytes");
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long max;
        private long read;

        LimitedStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(max);
            }
        }
    }
}
