package com.tokyoia.web.interfaces.rest.json;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnswerJson;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Sends an analytics answer with {@link AnswerJson} instead of JSON-B: a cached page's rows are
 * copied out as the text they were cached as, not decoded into maps and encoded again.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResultWriter implements MessageBodyWriter<AnalyticsResult> {
    private static final int BUFFER_CHARS = 1 << 16;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == AnalyticsResult.class;
    }

    @Override
    public void writeTo(AnalyticsResult result, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream entity) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(entity, StandardCharsets.UTF_8), BUFFER_CHARS);
        AnswerJson.write(result, out);
        // Flushed, not closed: the container owns the stream.
        out.flush();
    }
}
